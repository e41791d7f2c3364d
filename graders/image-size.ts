import { Type as T } from "@sinclair/typebox";
import { type LayerTable, layerLabel, topLayers } from "../src/analysis/image-layers.js";
import { formatBytes } from "../src/format/bytes.js";
import { builtImage, builtImageMessages, dockerfilePath } from "../src/grader/built-image.js";
import {
  creditStatus,
  defineGrader,
  type Finding,
  type GraderResult,
  type MessageId,
} from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";
import { baseImageParam, imageLayerTable } from "./kit/image-layers.js";

const MB = 1_000_000; // the docker CLI's unit: `docker image ls` prints 242MB for 241,760,505 bytes

export interface ImageSizeParams {
  maxMb: number;
  maxAddedMb: number;
  slackPercent: number;
  base?: string;
}

/** The grader's messages, apart so the helpers below can name their ids. */
const messages = {
  ...builtImageMessages,
  totalOk: {
    en: "The image weighs {size} ({bytes} bytes), under the limit of {max}.",
    fr: "L'image pèse {size} ({bytes} octets), sous la limite de {max}.",
  },
  totalOver: {
    en: "The image should weigh at most {max} ({limit} with the {slack}% tolerance), but it weighs {size} ({bytes} bytes). Start FROM a slim base, keep pip's --no-cache-dir, and delete what the app does not need in the RUN that creates it.",
    fr: "L'image devrait peser au plus {max} ({limit} avec la tolérance de {slack} %), mais elle pèse {size} ({bytes} octets). Partez d'une base slim, gardez le --no-cache-dir de pip, et supprimez ce dont l'application n'a pas besoin dans le RUN qui le crée.",
  },
  addedOk: {
    en: "Your layers add {added} to the base image {base} ({baseSize}), under the limit of {max}.",
    fr: "Vos couches ajoutent {added} à l'image de base {base} ({baseSize}), sous la limite de {max}.",
  },
  addedOver: {
    en: "Your layers should add at most {max} ({limit} with the {slack}% tolerance) to the base image {base} ({baseSize}), but they add {added}; the heaviest is `{instruction}` ({layerSize}). Keep only what the app needs: no caches, build tools or data dumps, and delete temporary files in the same RUN that creates them.",
    fr: "Vos couches devraient ajouter au plus {max} ({limit} avec la tolérance de {slack} %) à l'image de base {base} ({baseSize}), mais elles ajoutent {added} ; la plus lourde est `{instruction}` ({layerSize}). Ne gardez que ce dont l'application a besoin : pas de cache, d'outils de compilation ni de données en vrac, et supprimez les fichiers temporaires dans le RUN qui les crée.",
  },
  baseUnknown: {
    en: "The base image ({base}) could not be told apart in the image's history (not among its tags, and the Dockerfile's instructions do not line up with it): the size your layers add was not checked.",
    fr: "L'image de base ({base}) n'a pas pu être distinguée dans l'historique de l'image (absente de ses tags, et les instructions du Dockerfile ne s'alignent pas) : la taille ajoutée par vos couches n'a pas été vérifiée.",
  },
} satisfies MessageCatalog;

type Id = MessageId<typeof messages>;

/**
 * `image-size`: the image's size (`docker image inspect` .Size) under a limit, and what the student's own
 * layers add to the base image under another. The base is found in the image's history (its top entry
 * carries the base's tag, since the build used the local image), or by counting the Dockerfile's
 * instructions. Sizes differ a little between image stores, hence the slack.
 */
export default defineGrader({
  id: "image-size",
  description: {
    en: "The built image stays under a size limit, and the student's own layers add little to the base image.",
    fr: "L'image construite reste sous une taille limite, et les couches propres à l'étudiant ajoutent peu à l'image de base.",
  },
  params: T.Object(
    {
      maxMb: T.Number({
        exclusiveMinimum: 0,
        default: 400,
        description: "Largest image size (MB, 1 MB = 10^6 bytes).",
      }),
      maxAddedMb: T.Number({
        minimum: 0,
        default: 60,
        description: "Largest size the Dockerfile's own layers may add to the base image (MB).",
      }),
      slackPercent: T.Number({
        minimum: 0,
        maximum: 100,
        default: 10,
        description: "Tolerance added to both limits (sizes differ between image stores).",
      }),
      base: baseImageParam,
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages: messages,
  example: { maxMb: 200, maxAddedMb: 30, slackPercent: 10 },
  async run(ctx, params) {
    const image = await builtImage(ctx);
    if (!image.ok) return image.result;
    const inspect = await image.docker.inspectImage();
    const table = await imageLayerTable(ctx, image.docker, params.base);
    return judgeImageSize(inspect.Size, table, params, dockerfilePath(ctx));
  },
});

/** The verdict on the image's size and on what its own layers add. Pure: figures in, findings out. */
export function judgeImageSize(
  sizeBytes: number,
  table: LayerTable & { baseRef?: string },
  params: ImageSizeParams,
  dockerfile = "Dockerfile",
): GraderResult<Id> {
  const findings: Finding<Id>[] = [];
  const limit = (max: number) => max * MB * (1 + params.slackPercent / 100);
  const figures = (max: number) => ({
    max: formatBytes(max * MB),
    limit: formatBytes(limit(max)),
    slack: params.slackPercent,
  });
  const totalOk = sizeBytes <= limit(params.maxMb);
  findings.push({
    messageId: totalOk ? "totalOk" : "totalOver",
    severity: totalOk ? "ok" : "problem",
    code: "IS001",
    data: { size: formatBytes(sizeBytes), bytes: sizeBytes, ...figures(params.maxMb) },
  });
  const judged = [totalOk];
  const base = table.baseRef ?? "FROM";
  let addedBytes: number | undefined;
  if (table.baseBytes === undefined) {
    findings.push({ messageId: "baseUnknown", severity: "info", code: "IS002", data: { base } });
  } else {
    addedBytes = Math.max(0, sizeBytes - table.baseBytes);
    const addedOk = addedBytes <= limit(params.maxAddedMb);
    judged.push(addedOk);
    const heaviest = topLayers(
      table.layers.filter((l) => !l.base),
      1,
    )[0];
    findings.push({
      messageId: addedOk ? "addedOk" : "addedOver",
      severity: addedOk ? "ok" : "problem",
      code: "IS002",
      data: {
        added: formatBytes(addedBytes),
        base,
        baseSize: formatBytes(table.baseBytes),
        instruction: heaviest ? layerLabel(heaviest) : "-",
        layerSize: formatBytes(heaviest?.size ?? 0),
        ...figures(params.maxAddedMb),
      },
      ...(!addedOk && heaviest?.line ? { file: dockerfile, line: heaviest.line } : {}),
    });
  }
  const credit = judged.filter(Boolean).length / judged.length;
  return {
    status: creditStatus(credit),
    credit,
    findings,
    details: { sizeBytes, baseBytes: table.baseBytes, addedBytes, baseFound: table.baseFound },
  };
}
