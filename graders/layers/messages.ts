import { builtImageMessages } from "../../src/grader/built-image.js";
import type { MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";

/** The layers grader's messages, apart so its judge can name their ids. */
export const layersMessages = {
  ...builtImageMessages,
  heaviest: {
    en: "The {top} heaviest layers: {list}.",
    fr: "Les {top} couches les plus lourdes : {list}.",
  },
  heavyOk: {
    en: "A layer made by {expected} is among the {top} heaviest (#{rank}): {instruction} ({size}).",
    fr: "Une couche produite par {expected} est parmi les {top} plus lourdes (n° {rank}) : {instruction} ({size}).",
  },
  heavyLight: {
    en: "A layer made by {expected} should be among the {top} heaviest, but {instruction} weighs only {size}; the heaviest are {list}. Make sure this instruction does the work it is meant for (for pip: the dependencies installed by this RUN, from requirements.txt).",
    fr: "Une couche produite par {expected} devrait être parmi les {top} plus lourdes, mais {instruction} ne pèse que {size} ; les plus lourdes sont {list}. Vérifiez que cette instruction fait bien le travail prévu (pour pip : les dépendances installées par ce RUN, depuis requirements.txt).",
  },
  heavyMissing: {
    en: "A layer made by {expected} should be among the {top} heaviest, but no layer of the image matches it; the heaviest are {list}. Add the missing instruction to the Dockerfile.",
    fr: "Une couche produite par {expected} devrait être parmi les {top} plus lourdes, mais aucune couche de l'image n'y correspond ; les plus lourdes sont {list}. Ajoutez l'instruction manquante au Dockerfile.",
  },
  lightOk: {
    en: "{instruction} weighs {size}, under {max}.",
    fr: "{instruction} pèse {size}, sous {max}.",
  },
  lightHeavy: {
    en: "{instruction} (made by {expected}) should weigh under {max}, but it weighs {size}. Check what it adds: copy only the needed files, and list what the image does not need (.venv, .git, caches) in .dockerignore.",
    fr: "{instruction} (produite par {expected}) devrait peser moins de {max}, mais pèse {size}. Vérifiez ce qu'elle ajoute : ne copiez que les fichiers utiles, et listez ce dont l'image n'a pas besoin (.venv, .git, caches) dans le .dockerignore.",
  },
  lightMissing: {
    en: "No layer of the image is made by {expected}: the Dockerfile should hold such an instruction. Add it (mind its spelling).",
    fr: "Aucune couche de l'image n'est produite par {expected} : le Dockerfile devrait contenir une telle instruction. Ajoutez-la (attention à l'orthographe).",
  },
} satisfies MessageCatalog;

export type LayersMessageId = MessageId<typeof layersMessages>;
