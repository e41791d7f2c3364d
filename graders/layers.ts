import { Type as T } from "@sinclair/typebox";
import { builtImage, builtImageMessages, dockerfilePath } from "../src/grader/built-image.js";
import { defineGrader, type MessageId } from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";
import { PatternString } from "../src/text/pattern.js";
import { baseImageParam, imageLayerTable } from "./layers/image-layers.js";
import { judgeLayers } from "./layers/judge.js";

const messages = {
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

type Id = MessageId<typeof messages>;
export type LayersMessageId = Id;

/**
 * `layers`: the image's history layer by layer (`docker history`), each named by its Dockerfile
 * instruction; names the heaviest and checks the rubric's expectations about them (the base and the pip
 * layer weigh most, a COPY of the code stays tiny). `details.layers` holds the whole table.
 */
export default defineGrader({
  id: "layers",
  description: {
    en: "The image's layers (docker history) with their sizes: names the heaviest, and checks which must weigh most and which must stay light.",
    fr: "Les couches de l'image (docker history) et leur taille : nomme les plus lourdes, et vérifie lesquelles doivent peser le plus et lesquelles rester légères.",
  },
  params: T.Object(
    {
      top: T.Integer({
        minimum: 1,
        maximum: 20,
        default: 3,
        description: "How many of the heaviest layers to name.",
      }),
      heaviest: T.Array(PatternString(), {
        default: [],
        description:
          "Patterns (regular expressions on the instruction, or `base` for the base image's layers) that must each match one of the `top` heaviest layers.",
      }),
      lightPatterns: T.Array(PatternString(), {
        default: [],
        description: "Patterns whose matching layers must exist and all weigh less than `lightMaxMb`.",
      }),
      lightMaxMb: T.Number({
        exclusiveMinimum: 0,
        default: 1,
        description: "The size light layers stay under (MB).",
      }),
      base: baseImageParam,
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages,
  example: {
    top: 3,
    heaviest: ["base", "pip install"],
    lightPatterns: ["COPY app\\.py", "COPY data"],
    lightMaxMb: 1,
  },
  async run(ctx, params) {
    const image = await builtImage(ctx);
    if (!image.ok) return image.result;
    const table = await imageLayerTable(ctx, image.docker, params.base);
    return judgeLayers(table, params, dockerfilePath(ctx));
  },
});
