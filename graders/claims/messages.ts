import type { MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";

/** The claims grader's messages: one group per kind of claim (CL001 layers, CL002 size, CL003 tags). */
export const claimsMessages = {
  heavyTrue: {
    en: "The report calls the {kind} layer heavy (“{quote}”) and the image agrees: {instruction} weighs {size}, #{rank} of its layers.",
    fr: "Le compte rendu dit la couche {kind} lourde (« {quote} ») et l'image le confirme : {instruction} pèse {size}, n° {rank} de ses couches.",
  },
  heavyFalse: {
    en: "The report calls the {kind} layer heavy (“{quote}”), but in the built image {instruction} weighs {size}, not among the {top} heaviest: {list}. Read the SIZE column of docker history on your image and correct the report.",
    fr: "Le compte rendu dit la couche {kind} lourde (« {quote} »), mais dans l'image construite {instruction} pèse {size}, hors des {top} plus lourdes : {list}. Lisez la colonne SIZE de docker history sur votre image et corrigez le compte rendu.",
  },
  lightTrue: {
    en: "The report calls the {kind} layers tiny (“{quote}”) and the image agrees: the largest, {instruction}, weighs {size}.",
    fr: "Le compte rendu dit les couches {kind} minuscules (« {quote} ») et l'image le confirme : la plus grosse, {instruction}, pèse {size}.",
  },
  lightFalse: {
    en: "The report calls the {kind} layers tiny (“{quote}”), but {instruction} weighs {size} (over {max}). Check what it copies (a .venv or .git left out of .dockerignore?) and correct the report or the Dockerfile.",
    fr: "Le compte rendu dit les couches {kind} minuscules (« {quote} »), mais {instruction} pèse {size} (plus de {max}). Vérifiez ce qu'elle copie (un .venv ou un .git absent du .dockerignore ?) et corrigez le compte rendu ou le Dockerfile.",
  },
  layerAbsent: {
    en: "The report talks about a {kind} layer (“{quote}”), but the built image has no such layer: its heaviest are {list}. Describe the layers of your own image (docker history).",
    fr: "Le compte rendu parle d'une couche {kind} (« {quote} »), mais l'image construite n'a pas de telle couche : ses plus lourdes sont {list}. Décrivez les couches de votre propre image (docker history).",
  },
  noLayerClaim: {
    en: "For information: the section {section} calls no layer heavy or tiny in words, so nothing was compared with docker history.",
    fr: "Pour information : la section {section} ne qualifie aucune couche de lourde ou de minuscule, donc rien n'a été comparé à docker history.",
  },
  sizeTrue: {
    en: "The report gives the image size as {claimed}; the built image weighs {measured}: within the tolerance ({tolerance}).",
    fr: "Le compte rendu donne une taille d'image de {claimed} ; l'image construite pèse {measured} : dans la tolérance ({tolerance}).",
  },
  sizeFalse: {
    en: "The report gives the image size as {claimed} (closest of its figures), but the built image weighs {measured}, a gap of {gap} (tolerance {tolerance}). Note the SIZE that docker image ls shows for your image; if your base image differs from the course's, say so.",
    fr: "Le compte rendu donne une taille d'image de {claimed} (le plus proche de ses chiffres), mais l'image construite pèse {measured}, un écart de {gap} (tolérance {tolerance}). Relevez la taille (SIZE) que docker image ls affiche pour votre image ; si votre image de base diffère de celle du cours, dites-le.",
  },
  noSizeClaim: {
    en: "For information: the section {section} gives no size of at least {min}, so the image size was not compared.",
    fr: "Pour information : la section {section} ne donne aucune taille d'au moins {min}, donc la taille de l'image n'a pas été comparée.",
  },
  tagsTrue: {
    en: "The report's commands give {produced} to one image, as required ({required}).",
    fr: "Les commandes du compte rendu donnent {produced} à une même image, comme demandé ({required}).",
  },
  tagsFalse: {
    en: "The report's commands give {produced}, but {required} are required on one image ({missing} missing or on another image). Write the docker build and docker tag commands you ran, such as docker tag {name}:{version} {name}:latest.",
    fr: "Les commandes du compte rendu donnent {produced}, mais {required} sont demandés sur une même image ({missing} absent ou sur une autre image). Écrivez les commandes docker build et docker tag lancées, comme docker tag {name}:{version} {name}:latest.",
  },
  noTagClaim: {
    en: "For information: the report's code blocks hold no docker build or docker tag command for {name}, so no tag was compared.",
    fr: "Pour information : les blocs de code du compte rendu ne contiennent aucune commande docker build ni docker tag pour {name}, donc aucun tag n'a été comparé.",
  },
  sectionAbsent: {
    en: "For information: the report has no section titled like {expected}, so that part of the report was not compared with the image.",
    fr: "Pour information : le compte rendu n'a pas de section intitulée comme {expected}, donc cette partie du compte rendu n'a pas été comparée à l'image.",
  },
  noClaims: {
    en: "The report makes no claim this check can compare with the image (heavy or tiny layers, image size, tag commands): nothing to judge.",
    fr: "Le compte rendu ne contient aucune affirmation que cette vérification peut comparer à l'image (couches lourdes ou minuscules, taille, commandes de tag) : rien à juger.",
  },
} satisfies MessageCatalog;

export type ClaimsMessageId = MessageId<typeof claimsMessages>;
