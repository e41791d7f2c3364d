import type { AnyGrader, Finding, GraderRegistry, GraderResult } from "../../grader/contract.js";
import type { CheckResult, Report } from "../../report/schema.js";
import type { Rubric } from "../../rubric/types.js";

/** A finished check's result, given back to the engine as if its grader had just returned it. */
export function replayed(result: CheckResult): GraderResult {
  const findings: Finding[] = result.findings.map((finding) => ({
    messageId: finding.messageId,
    severity: finding.severity,
    ...(finding.data ? { data: finding.data } : {}),
    ...(finding.code ? { code: finding.code } : {}),
    ...(finding.file ? { file: finding.file } : {}),
    ...(finding.line ? { line: finding.line } : {}),
  }));
  const credit = result.maxScore > 0 ? result.score / result.maxScore : result.status === "pass" ? 1 : 0;
  return { status: result.status, credit, findings, ...(result.details ? { details: result.details } : {}) };
}

/**
 * The registry for a watch run: each grader runs only for the checks in `rerun`; for the others it hands
 * back the previous run's result. A grader none of whose checks re-runs no longer needs Docker, so a run
 * that re-grades only the report opens no Docker session.
 */
export function replayRegistry(
  registry: GraderRegistry,
  rubric: Rubric,
  previous: Report,
  rerun: ReadonlySet<string>,
): GraderRegistry {
  const before = new Map(previous.steps.flatMap((step) => step.checks).map((check) => [check.id, check]));
  const checks = rubric.steps.flatMap((step) => step.checks);
  const wrapped = new Map<string, AnyGrader>();
  for (const [id, grader] of registry) {
    const runsAgain = checks.some(
      (check) => check.grader === id && (rerun.has(check.id) || !before.has(check.id)),
    );
    wrapped.set(id, {
      ...grader,
      requires: runsAgain ? grader.requires : grader.requires.filter((need) => need !== "docker"),
      run: (ctx, params) => {
        const old = before.get(ctx.check.id);
        return rerun.has(ctx.check.id) || !old ? grader.run(ctx, params) : Promise.resolve(replayed(old));
      },
    });
  }
  return wrapped;
}
