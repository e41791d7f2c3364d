import { Type as T } from "@sinclair/typebox";
import { builtImage, builtImageMessages } from "../src/grader/built-image.js";
import { defineGrader } from "../src/grader/contract.js";
import { readParsedReport } from "../src/markdown/report-memo.js";
import { PatternString } from "../src/text/pattern.js";
import { CLAIM_CHECKS, judgeClaims } from "./claims/judge.js";
import { claimsMessages } from "./claims/messages.js";
import { baseImageParam, imageLayerTable } from "./kit/image-layers.js";
import { reportMessages } from "./kit/report.js";
import { extractDockerCommands } from "./kit/tags/commands.js";
import { markdownCommandSources } from "./kit/tags/sources.js";

/**
 * `claims`: what the lab report states, checked against the real image: the layers it calls heavy (or
 * the COPY layers it calls tiny) against `docker history`, the image size it gives against the measured
 * one, the tags its commands produce against the required ones. Claims the report does not make do not
 * count; a report that makes none is skipped.
 */
export default defineGrader({
  id: "claims",
  description: {
    en: "The report's statements match the built image: layers called heavy or tiny, the image size written, the tags its commands produce.",
    fr: "Les affirmations du compte rendu correspondent à l'image construite : couches dites lourdes ou minuscules, taille indiquée, tags produits par ses commandes.",
  },
  params: T.Object(
    {
      layersSection: PatternString({
        default: "etape\\s*5",
        description: "Heading pattern of the section that discusses the layers (docker history).",
      }),
      sizeSection: PatternString({
        default: "etape\\s*2",
        description: "Heading pattern of the section that gives the image size.",
      }),
      top: T.Integer({
        minimum: 1,
        maximum: 20,
        default: 3,
        description: "A layer called heavy must be among this many heaviest.",
      }),
      heavyMinMb: T.Number({
        minimum: 0,
        default: 1,
        description: "A layer called heavy must weigh at least this (MB).",
      }),
      lightMaxMb: T.Number({
        exclusiveMinimum: 0,
        default: 1,
        description: "COPY layers called tiny must weigh less than this (MB).",
      }),
      tolerancePercent: T.Number({
        minimum: 0,
        maximum: 100,
        default: 25,
        description: "How far the written image size may be from the measured one (% of the measured size).",
      }),
      toleranceMb: T.Number({
        minimum: 0,
        default: 0,
        description: "Absolute tolerance on the size (MB); the larger tolerance applies.",
      }),
      sizeMinMb: T.Number({
        minimum: 0,
        default: 10,
        description: "Figures under this (MB) are layer or context sizes, not read as the image size.",
      }),
      checks: T.Array(T.Union(CLAIM_CHECKS.map((id) => T.Literal(id))), {
        minItems: 1,
        uniqueItems: true,
        default: [...CLAIM_CHECKS],
        description: "The kinds of claim to compare.",
      }),
      name: T.Optional(
        T.String({ minLength: 1, description: "Image name of the tag commands; default: the assignment's." }),
      ),
      tags: T.Optional(
        T.Array(T.String({ minLength: 1 }), {
          minItems: 1,
          description: "Required tags; default: the assignment's.",
        }),
      ),
      base: baseImageParam,
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages: { ...builtImageMessages, ...reportMessages, ...claimsMessages },
  example: {
    layersSection: "etape\\s*5",
    sizeSection: "etape\\s*2",
    tolerancePercent: 25,
    checks: ["layers", "size", "tags"],
  },
  async run(ctx, params) {
    const file = ctx.submission.reportFile;
    if (!file) return { status: "skipped", findings: [{ messageId: "noReport", severity: "info" }] };
    const read = await readParsedReport(ctx.files, file);
    if (!read.ok)
      return {
        status: "skipped",
        findings: [{ messageId: "reportUnreadable", severity: "info", data: { file, reason: read.reason } }],
      };
    const image = await builtImage(ctx);
    if (!image.ok) return image.result;
    const { root } = read;
    const commands = markdownCommandSources(read.rel, read.text, root).flatMap(extractDockerCommands);
    const [inspect, table] = await Promise.all([
      image.docker.inspectImage(),
      imageLayerTable(ctx, image.docker, params.base),
    ]);
    return judgeClaims(
      { root, file: read.rel, table, sizeBytes: inspect.Size, commands },
      {
        ...params,
        name: params.name ?? ctx.assignment.image.name,
        tags: params.tags ?? ctx.assignment.image.tags,
      },
    );
  },
});
