import { registry } from "../../graders/index.js";
import type { Lang } from "../i18n/text.js";
import { toolVersion } from "../package-info.js";
import { cacheFolder, loadRubricCached } from "../rubric/cache.js";
import { formatProblem, sortProblems } from "../rubric/format.js";
import type { Rubric } from "../rubric/types.js";
import type { CommandIO } from "./io.js";

/**
 * Loads a rubric for a command; when it is unusable, prints every problem (file:line:column, sorted) to
 * stderr and returns how many there were, so each command only decides what to say and which exit code.
 * A rubric already validated, unchanged since, is read back from the user's cache folder.
 */
export async function loadRubricFor(
  dir: string,
  lang: Lang,
  io: CommandIO,
): Promise<{ rubric: Rubric } | { problems: number }> {
  const loaded = await loadRubricCached(dir, registry, { folder: cacheFolder(), toolVersion: toolVersion() });
  if (loaded.ok) return { rubric: loaded.rubric };
  for (const problem of sortProblems(loaded.problems)) io.stderr(`${formatProblem(problem, lang)}\n`);
  return { problems: loaded.problems.length };
}

/** True when some check of the rubric runs a grader that needs the Docker engine. */
export function rubricRequiresDocker(rubric: Rubric): boolean {
  return rubric.steps.some((step) =>
    step.checks.some((check) => registry.get(check.grader)?.requires.includes("docker")),
  );
}
