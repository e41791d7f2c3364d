import type { Report } from "../report/schema.js";

/** What EXPECTED.json pins for an example submission: the exact score per step and per check. */
export interface Expected {
  score: number;
  maxScore: number;
  steps: Record<string, { score: number; checks: Record<string, { status: string; score: number }> }>;
}

export function expectedOf(report: Report): Expected {
  return {
    score: report.score,
    maxScore: report.maxScore,
    steps: Object.fromEntries(
      report.steps.map((step) => [
        step.id,
        {
          score: step.score,
          checks: Object.fromEntries(
            step.checks.map((check) => [check.id, { status: check.status, score: check.score }]),
          ),
        },
      ]),
    ),
  };
}

/** Every difference between what an example should score and what it scored, one readable line each. */
export function compareExpected(expected: Expected, actual: Expected): string[] {
  const out: string[] = [];
  if (expected.score !== actual.score || expected.maxScore !== actual.maxScore) {
    out.push(
      `total: expected ${expected.score}/${expected.maxScore}, got ${actual.score}/${actual.maxScore}`,
    );
  }
  const stepIds = new Set([...Object.keys(expected.steps), ...Object.keys(actual.steps)]);
  for (const stepId of stepIds) {
    const want = expected.steps[stepId];
    const got = actual.steps[stepId];
    if (!want || !got) {
      out.push(`${stepId}: ${want ? "missing from the report" : "not in EXPECTED.json"}`);
      continue;
    }
    const checkIds = new Set([...Object.keys(want.checks), ...Object.keys(got.checks)]);
    for (const checkId of checkIds) {
      const w = want.checks[checkId];
      const g = got.checks[checkId];
      if (!w || !g)
        out.push(`${stepId}/${checkId}: ${w ? "missing from the report" : "not in EXPECTED.json"}`);
      else if (w.status !== g.status || w.score !== g.score) {
        out.push(`${stepId}/${checkId}: expected ${w.status} ${w.score}, got ${g.status} ${g.score}`);
      }
    }
    if (want.score !== got.score) out.push(`${stepId}: expected ${want.score}, got ${got.score}`);
  }
  return out;
}

/**
 * A report with what legitimately changes between two gradings of the same commit masked: times, run and
 * image ids, durations inside messages. Two gradings must be equal after this.
 */
export function stableView(report: Report): unknown {
  const mask = (text: string) =>
    text
      .replace(/dockgrade\/[a-z0-9]+\//g, "dockgrade/<run>/")
      .replace(/\b127\.0\.0\.1:\d+/g, "127.0.0.1:<port>")
      .replace(/\b(sha256:)?[0-9a-f]{12,64}\b/g, "<id>")
      .replace(/\b\d+([.,]\d+)?\s?(ms|s|sec|seconds?|secondes?)\b/g, "<time>");
  return {
    ...report,
    startedAt: "<time>",
    durationMs: 0,
    steps: report.steps.map((step) => ({
      ...step,
      checks: step.checks.map(({ durationMs: _d, details: _details, findings, message, ...check }) => ({
        ...check,
        message: mask(message),
        findings: findings.map(({ data: _data, message: text, ...finding }) => ({
          ...finding,
          message: mask(text),
        })),
      })),
    })),
  };
}
