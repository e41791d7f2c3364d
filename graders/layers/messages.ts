import { builtImageMessages } from "../../src/grader/built-image.js";
import type { MessageId } from "../../src/grader/contract.js";
import { badPatternMessages } from "../../src/grader/rubric-patterns.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";

/** The layers grader's messages. */
export const layersMessages = {
  ...builtImageMessages,
  heaviest: {
    en: "The {top} heaviest layers: {list}.",
    fr: "Les {top} couches les plus lourdes : {list}.",
  },
  heavyOk: {
    en: "A layer matching `{pattern}` is among the {top} heaviest (#{rank}): {instruction} ({size}).",
    fr: "Une couche qui correspond à `{pattern}` est parmi les {top} plus lourdes (n° {rank}) : {instruction} ({size}).",
  },
  heavyLight: {
    en: "A layer matching `{pattern}` should be among the {top} heaviest, but {instruction} weighs only {size}; the heaviest are {list}. Make sure this instruction does the work it is meant for (for pip: the dependencies installed by this RUN, from requirements.txt).",
    fr: "Une couche qui correspond à `{pattern}` devrait être parmi les {top} plus lourdes, mais {instruction} ne pèse que {size} ; les plus lourdes sont {list}. Vérifiez que cette instruction fait bien le travail prévu (pour pip : les dépendances installées par ce RUN, depuis requirements.txt).",
  },
  heavyMissing: {
    en: "A layer matching `{pattern}` should be among the {top} heaviest, but no layer of the image matches it; the heaviest are {list}. Add the missing instruction to the Dockerfile.",
    fr: "Une couche qui correspond à `{pattern}` devrait être parmi les {top} plus lourdes, mais aucune couche de l'image n'y correspond ; les plus lourdes sont {list}. Ajoutez l'instruction manquante au Dockerfile.",
  },
  lightOk: {
    en: "{instruction} weighs {size}, under {max}.",
    fr: "{instruction} pèse {size}, sous {max}.",
  },
  lightHeavy: {
    en: "{instruction} (matching `{pattern}`) should weigh under {max}, but it weighs {size}: it copies more than the app needs. Copy only the needed files, and list what the image does not need (.venv, .git, caches) in .dockerignore.",
    fr: "{instruction} (qui correspond à `{pattern}`) devrait peser moins de {max}, mais pèse {size} : elle copie plus que ce dont l'application a besoin. Ne copiez que les fichiers utiles, et listez ce dont l'image n'a pas besoin (.venv, .git, caches) dans le .dockerignore.",
  },
  lightMissing: {
    en: "No layer of the image matches `{pattern}`: expected such an instruction in the Dockerfile. Add it (mind its spelling).",
    fr: "Aucune couche de l'image ne correspond à `{pattern}` : une telle instruction est attendue dans le Dockerfile. Ajoutez-la (attention à l'orthographe).",
  },
  ...badPatternMessages,
} satisfies MessageCatalog;

export type LayersMessageId = MessageId<typeof layersMessages>;
