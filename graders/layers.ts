import { Type as T } from "@sinclair/typebox";
import { builtImage, dockerfilePath } from "../src/grader/built-image.js";
import { defineGrader } from "../src/grader/contract.js";
import { PatternString } from "../src/text/pattern.js";
import { baseImageParam, imageLayerTable } from "./kit/image-layers.js";
import { judgeLayers } from "./layers/judge.js";
import { layersMessages } from "./layers/messages.js";

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
  messages: layersMessages,
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
