import type { ParsedDockerfile } from "../../../src/dockerfile/parse.js";
import type { DockerfileRule } from "../rule.js";

/**
 * DF008: a multi-stage build. The final image copies what it needs (`COPY --from=<stage>`) out of an
 * earlier stage that it is not built on, so that stage's tools and caches stay out of the image.
 * Not judged unless the rubric lists it.
 */
export const multiStage: DockerfileRule = {
  id: "multi-stage",
  code: "DF008",
  messages: {
    "multiStage.ok": {
      en: "Multi-stage build: the final image (FROM line {line}) copies {from} out of the stage {stage} (line {copyLine}); that stage's tools stay out of the image.",
      fr: "Build multi-étapes : l'image finale (FROM ligne {line}) copie {from} depuis l'étape {stage} (ligne {copyLine}) ; les outils de cette étape restent hors de l'image.",
    },
    "multiStage.single": {
      en: "The Dockerfile has one stage (one FROM, line {line}): whatever the build installs stays in the image. Build in a first stage (FROM ... AS build) and copy only the result into the final one (COPY --from=build ...).",
      fr: "Le Dockerfile n'a qu'une étape (un seul FROM, ligne {line}) : tout ce que le build installe reste dans l'image. Construisez dans une première étape (FROM ... AS build) et copiez seulement le résultat dans l'étape finale (COPY --from=build ...).",
    },
    "multiStage.nothingCopied": {
      en: "The Dockerfile has {count} stages, but the final image (FROM line {line}) copies nothing out of another stage: it is a chain of stages, not a build stage left behind. Copy the build's result with COPY --from=<stage> into a final stage that starts from a clean base.",
      fr: "Le Dockerfile a {count} étapes, mais l'image finale (FROM ligne {line}) ne copie rien depuis une autre étape : c'est une chaîne d'étapes, pas une étape de build laissée de côté. Copiez le résultat du build avec COPY --from=<étape> dans une étape finale qui part d'une base propre.",
    },
  },
  check({ dockerfile }) {
    const final = dockerfile.lineage.at(-1) ?? dockerfile.base;
    const line = final.from.line;
    if (dockerfile.stages.length < 2)
      return [{ messageId: "multiStage.single", severity: "problem", line, data: { line } }];
    const copied = copyOutOfBuildStage(dockerfile);
    if (!copied)
      return [
        {
          messageId: "multiStage.nothingCopied",
          severity: "problem",
          line,
          data: { line, count: dockerfile.stages.length },
        },
      ];
    return [
      {
        messageId: "multiStage.ok",
        severity: "ok",
        line: copied.line,
        data: { line, stage: copied.stage, from: copied.from, copyLine: copied.line },
      },
    ];
  },
};

/** The first COPY of the final image's lineage that takes files out of a stage outside that lineage. */
function copyOutOfBuildStage(
  dockerfile: ParsedDockerfile,
): { stage: string; from: string; line: number } | undefined {
  const lineage = new Set(dockerfile.lineage.map((stage) => stage.index));
  for (const step of dockerfile.steps) {
    const from = step.keyword === "COPY" ? step.flags.from : undefined;
    if (!from) continue;
    const stage = dockerfile.stages.find((s) => s.alias === from.toLowerCase() || String(s.index) === from);
    if (stage && !lineage.has(stage.index))
      return { stage: from, from: step.args.slice(0, -1).join(" ") || "?", line: step.line };
  }
  return undefined;
}
