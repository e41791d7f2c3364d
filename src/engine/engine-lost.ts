import type { DockerSession } from "../docker/session.js";
import type { GraderResult } from "../grader/contract.js";
import { engineResult } from "./run-check.js";

/**
 * Whether a Docker check's result is the engine's doing rather than the student's: a check that did not
 * pass while the engine no longer answers could not really check (a dead daemon looks like a container
 * that does not answer, or a grader crash). Passing results are kept; the engine is asked only otherwise.
 */
export async function engineWentAway(session: DockerSession, result: GraderResult): Promise<boolean> {
  if (result.status === "pass" || !session.engineAnswers) return false;
  return !(await session.engineAnswers());
}

export function engineLostResult(): GraderResult {
  return engineResult("error", "engineLost", {});
}

/** Whether any check of a report ended because the engine stopped answering (the CLI then exits non-zero). */
export function reportLostEngine(report: {
  steps: ReadonlyArray<{ checks: ReadonlyArray<{ findings: ReadonlyArray<{ messageId: string }> }> }>;
}): boolean {
  return report.steps.some((step) =>
    step.checks.some((check) => check.findings.some((f) => f.messageId === "engine.engineLost")),
  );
}
