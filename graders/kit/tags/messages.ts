import { builtImageMessages } from "../../../src/grader/built-image.js";
import type { MessageId } from "../../../src/grader/contract.js";
import type { MessageCatalog } from "../../../src/i18n/catalog.js";

/** The tags grader's messages. */
export const tagsMessages = {
  ...builtImageMessages,
  noCommands: {
    en: "No docker build or docker tag command was found in the report's code blocks (nor in a *.sh script or Makefile at the root), so the tags {tags} of {name} could not be traced. Write the commands you ran in a code block, for example: {example}",
    fr: "Aucune commande docker build ni docker tag n'a été trouvée dans les blocs de code du compte rendu (ni dans un script *.sh ou un Makefile à la racine) : les tags {tags} de {name} n'ont pas pu être retrouvés. Écrivez les commandes lancées dans un bloc de code, par exemple : {example}",
  },
  tagOk: {
    en: "{ref} is given by `{command}` ({at}).",
    fr: "{ref} est donné par `{command}` ({at}).",
  },
  tagElsewhere: {
    en: "{ref} should name the same image as {image}, but `{command}` ({at}) puts it on another image (an earlier build, or a tag taken from another version). Tag it from the final image: {fix}",
    fr: "{ref} devrait désigner la même image que {image}, mais `{command}` ({at}) le pose sur une autre image (un build antérieur, ou un tag pris sur une autre version). Posez-le sur l'image finale : {fix}",
  },
  tagMissing: {
    en: "No documented command gives {ref}; the commands give {found}. Add the command to the report: {fix}",
    fr: "Aucune commande documentée ne donne {ref} ; les commandes donnent {found}. Ajoutez la commande au compte rendu : {fix}",
  },
  semverOk: {
    en: "The version tag {tag} is a semantic version (MAJOR.MINOR.PATCH).",
    fr: "Le tag de version {tag} est une version sémantique (MAJEURE.MINEURE.CORRECTIF).",
  },
  notSemver: {
    en: "The version tag {tag} ({ref}) is not a semantic version: expected MAJOR.MINOR.PATCH, such as 1.1.0 (no leading v, three numbers). Tag the image with such a version.",
    fr: "Le tag de version {tag} ({ref}) n'est pas une version sémantique : attendu MAJEURE.MINEURE.CORRECTIF, comme 1.1.0 (sans v devant, trois nombres). Taguez l'image avec une telle version.",
  },
  alias: {
    en: "{ref} (from `{command}`) is another name of the same image, for a registry or another repository: fine, and not needed for this check.",
    fr: "{ref} (par `{command}`) est un autre nom de la même image, pour un registre ou un autre dépôt : c'est correct, et non requis pour cette vérification.",
  },
  applied: {
    en: "Applied to the harness's build and checked on the engine: {refs} all name image {imageId}.",
    fr: "Appliqués à l'image construite par le correcteur et vérifiés sur le moteur : {refs} désignent tous l'image {imageId}.",
  },
  engineMismatch: {
    en: "The engine does not show {refs} on the built image {imageId} after tagging it: the harness could not confirm the tags. Report this to the course staff.",
    fr: "Le moteur ne montre pas {refs} sur l'image construite {imageId} après l'avoir taguée : le correcteur n'a pas pu confirmer les tags. Signalez-le à l'équipe du cours.",
  },
} satisfies MessageCatalog;

export type TagsMessageId = MessageId<typeof tagsMessages>;
