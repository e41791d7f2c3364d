import type { AnyGrader, GraderRegistry } from "../../grader/contract.js";
import type { Rubric } from "../../rubric/types.js";

/**
 * What a check reads, for the watch loop: the lab report (and the images it shows), or the build context
 * (Dockerfile, app, requirements, data, `.dockerignore`: every grader that needs the image reads it).
 */
export type Input = "report" | "context";

/** Graders that read the lab report (claims and tags compare it with the image). */
const REPORT_READERS = new Set(["claims", "evidence", "quiz", "report-section", "screenshots", "tags"]);
/** Graders that need no Docker and read only the repository's files. */
const FILE_READERS = new Set(["dockerfile", "dockerignore", "files"]);

/** The inputs of a grader; one not listed here is assumed to read everything, so it always re-runs. */
export function graderInputs(grader: AnyGrader): Set<Input> {
  const inputs = new Set<Input>();
  if (REPORT_READERS.has(grader.id)) inputs.add("report");
  if (FILE_READERS.has(grader.id) || grader.requires.includes("docker")) inputs.add("context");
  if (inputs.size === 0) return new Set(["report", "context"]);
  return inputs;
}

/** True when the grader is listed above or needs Docker (a test keeps every registered grader known). */
export function isClassified(grader: AnyGrader): boolean {
  return REPORT_READERS.has(grader.id) || FILE_READERS.has(grader.id) || grader.requires.includes("docker");
}

/**
 * The checks to grade again after `changed` inputs changed: those whose grader reads one of them, and
 * every check that needs one of those (directly or not), since its outcome may follow.
 */
export function checksToRerun(
  rubric: Rubric,
  registry: GraderRegistry,
  changed: ReadonlySet<Input>,
): Set<string> {
  const checks = rubric.steps.flatMap((step) => step.checks);
  const rerun = new Set<string>();
  for (const check of checks) {
    const grader = registry.get(check.grader);
    const inputs = grader ? graderInputs(grader) : new Set<Input>(["report", "context"]);
    if ([...inputs].some((input) => changed.has(input))) rerun.add(check.id);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const check of checks) {
      if (!rerun.has(check.id) && check.needs.some((need) => rerun.has(need))) {
        rerun.add(check.id);
        grew = true;
      }
    }
  }
  return rerun;
}
