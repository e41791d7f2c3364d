import path from "node:path";
import { expandVariables, variablesAt } from "../../../src/dockerfile/environment.js";
import { contextCopies } from "../copies.js";
import type { DockerfileRule, RuleFinding } from "../rule.js";

/** DF002: WORKDIR sets the expected folder before the first COPY from the build context. */
export const workdir: DockerfileRule = {
  id: "workdir",
  code: "DF002",
  messages: {
    "workdir.ok": {
      en: "WORKDIR {expected} is set (line {line}) before the files are copied.",
      fr: "WORKDIR {expected} est défini (ligne {line}) avant la copie des fichiers.",
    },
    "workdir.missing": {
      en: "No WORKDIR: the files are copied to the root of the image (/) and the server starts there, among the system's folders. Expected WORKDIR {expected}: add it right after FROM.",
      fr: "Aucun WORKDIR : les fichiers sont copiés à la racine de l'image (/) et le serveur démarre là, au milieu des dossiers du système. Attendu : WORKDIR {expected} ; ajoutez-le juste après FROM.",
    },
    "workdir.afterCopy": {
      en: "The first COPY (line {copyLine}) runs before WORKDIR (line {line}), so its files land in {found} instead of {expected}. Move WORKDIR {expected} above it, right after FROM.",
      fr: "La première COPY (ligne {copyLine}) passe avant WORKDIR (ligne {line}) : ses fichiers arrivent dans {found} au lieu de {expected}. Remontez WORKDIR {expected} au-dessus, juste après FROM.",
    },
    "workdir.wrongPath": {
      en: "The files are copied into {found} (WORKDIR line {line}), expected {expected}. Write WORKDIR {expected}.",
      fr: "Les fichiers sont copiés dans {found} (WORKDIR ligne {line}), attendu {expected}. Écrivez WORKDIR {expected}.",
    },
  },
  check({ dockerfile, params }) {
    const { steps } = dockerfile;
    const expected = normalize(params.workdir);
    const firstCopy = contextCopies(steps, params.requirements)[0];
    const end = firstCopy?.index ?? steps.length;
    let current = "/";
    let setAt: number | undefined;
    for (const [index, step] of steps.slice(0, end).entries()) {
      if (step.keyword !== "WORKDIR" || !step.text) continue;
      const written = expandVariables(step.args[0] ?? "", variablesAt(steps, index));
      current = normalize(path.posix.resolve(current, written));
      setAt = step.line;
    }
    const data = { expected, found: current, line: setAt, copyLine: firstCopy?.step.line };
    if (current === expected) return [{ messageId: "workdir.ok", severity: "ok", line: setAt, data }];
    const later = steps.slice(end).find((s) => s.keyword === "WORKDIR");
    const findings: RuleFinding[] = [];
    if (setAt === undefined && later === undefined)
      return [
        {
          messageId: "workdir.missing",
          severity: "problem",
          line: firstCopy?.step.line ?? dockerfile.base.from.line,
          data,
        },
      ];
    if (setAt === undefined && later) {
      const laterPath = normalize(path.posix.resolve("/", later.args[0] ?? "/"));
      findings.push({
        messageId: "workdir.afterCopy",
        severity: "problem",
        line: later.line,
        data: { ...data, line: later.line },
      });
      if (laterPath !== expected)
        findings.push({
          messageId: "workdir.wrongPath",
          severity: "problem",
          line: later.line,
          data: { ...data, found: laterPath, line: later.line },
        });
      return findings;
    }
    return [{ messageId: "workdir.wrongPath", severity: "problem", line: setAt, data }];
  },
};

function normalize(folder: string): string {
  const normalized = path.posix.normalize(folder);
  return normalized.length > 1 ? normalized.replace(/\/+$/, "") : normalized;
}
