import { variablesAt } from "../../../src/dockerfile/environment.js";
import type { DfInstruction, ParsedDockerfile } from "../../../src/dockerfile/parse.js";
import { type PipInstall, pipInstalls } from "../pip.js";
import type { DockerfileRule, RuleFinding } from "../rule.js";

const TRUE_WORDS = new Set(["1", "true", "yes", "on", "y", "t"]);

/**
 * DF004: pip keeps no download cache in the image: `--no-cache-dir`, `PIP_NO_CACHE_DIR` set to a true
 * value (ENV, ARG or inline), or a BuildKit cache mount on pip's cache folder (the cache then stays out
 * of the image). Every `pip install` counts, `pip install --upgrade pip` included.
 */
export const pipNoCache: DockerfileRule = {
  id: "pip-no-cache",
  code: "DF004",
  messages: {
    "pipNoCache.ok": {
      en: "pip keeps no download cache in the image ({how}).",
      fr: "pip ne garde pas son cache de téléchargement dans l'image ({how}).",
    },
    "pipNoCache.cached": {
      en: "`{command}` keeps pip's download cache in the image: megabytes that serve no purpose at run time. Add --no-cache-dir to it (or set ENV PIP_NO_CACHE_DIR=1 before it).",
      fr: "`{command}` garde le cache de téléchargement de pip dans l'image : des mégaoctets inutiles à l'exécution. Ajoutez-lui --no-cache-dir (ou définissez ENV PIP_NO_CACHE_DIR=1 avant).",
    },
    "pipNoCache.notTrue": {
      en: 'PIP_NO_CACHE_DIR is set to "{value}" for `{command}`, which does not read as "yes". Write PIP_NO_CACHE_DIR=1, or add --no-cache-dir to the command.',
      fr: "PIP_NO_CACHE_DIR vaut « {value} » pour `{command}`, ce qui ne se lit pas comme « oui ». Écrivez PIP_NO_CACHE_DIR=1, ou ajoutez --no-cache-dir à la commande.",
    },
    "pipNoCache.noPip": {
      en: "No `pip install` in any stage of the Dockerfile, so nothing installs the dependencies. Expected `RUN pip install --no-cache-dir -r {requirements}`.",
      fr: "Aucun `pip install` dans aucune étape du Dockerfile : rien n'installe les dépendances. Attendu : `RUN pip install --no-cache-dir -r {requirements}`.",
    },
    "pipNoCache.builderStage": {
      en: "`{command}` runs in build stage {stage} (line {line}), which the final image only takes files from (COPY --from): pip's download cache stays in that stage, out of the image.",
      fr: "`{command}` s'exécute dans l'étape de build {stage} (ligne {line}), dont l'image finale ne reprend que des fichiers (COPY --from) : le cache de téléchargement de pip reste dans cette étape, hors de l'image.",
    },
  },
  check({ dockerfile, params }) {
    const installs = pipInstalls(dockerfile.steps);
    if (installs.length === 0) return builderInstalls(dockerfile, params.requirements);
    const findings = installs.map((pip) => judge(pip, dockerfile.steps));
    const problems = findings.filter((f) => f.severity === "problem");
    return problems.length > 0 ? problems : findings.slice(0, 1);
  },
};

/**
 * No pip in the final image's stages: a builder stage may install the dependencies, then only files are
 * copied out of it. With --no-cache-dir there, the usual ok; without, its cache never reaches the image.
 */
function builderInstalls(dockerfile: ParsedDockerfile, requirements: string): RuleFinding[] {
  for (const { stage, steps } of dockerfile.builders) {
    const pip = pipInstalls(steps)[0];
    if (!pip) continue;
    const judged = judge(pip, steps);
    if (judged.severity === "ok")
      return [
        {
          ...judged,
          data: { ...judged.data, how: `${judged.data?.how}, stage ${stage.alias ?? stage.index}` },
        },
      ];
    const data = { command: pip.command, stage: stage.alias ?? String(stage.index), line: pip.step.line };
    return [{ messageId: "pipNoCache.builderStage", severity: "ok", line: pip.step.line, data }];
  }
  return [{ messageId: "pipNoCache.noPip", severity: "problem", data: { requirements } }];
}

function judge(pip: PipInstall, steps: readonly DfInstruction[]): RuleFinding {
  const line = pip.step.line;
  if (pip.noCacheDir)
    return { messageId: "pipNoCache.ok", severity: "ok", line, data: { how: "--no-cache-dir" } };
  const mount = pip.step.flags.mount ?? "";
  if (/type=cache/.test(mount) && /target=[^,]*\.cache\/pip/.test(mount))
    return { messageId: "pipNoCache.ok", severity: "ok", line, data: { how: "RUN --mount=type=cache" } };
  const value =
    pip.assignments.PIP_NO_CACHE_DIR ??
    variablesAt(steps, pip.index, { buildArgs: true })("PIP_NO_CACHE_DIR");
  if (value === undefined)
    return { messageId: "pipNoCache.cached", severity: "problem", line, data: { command: pip.command } };
  if (TRUE_WORDS.has(value.toLowerCase()))
    return { messageId: "pipNoCache.ok", severity: "ok", line, data: { how: `PIP_NO_CACHE_DIR=${value}` } };
  return {
    messageId: "pipNoCache.notTrue",
    severity: "problem",
    line,
    data: { value, command: pip.command },
  };
}
