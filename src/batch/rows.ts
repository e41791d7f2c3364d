import type { Report } from "../report/schema.js";
import type { SubmissionRow } from "./types.js";

/** The class-level row of a graded submission, read from its report. */
export function gradedRow(
  base: Pick<SubmissionRow, "id" | "columns" | "source" | "commit" | "commitDate">,
  report: Report,
): SubmissionRow {
  const checks = report.steps.flatMap((step) => step.checks);
  return {
    ...base,
    status: "graded",
    score: report.score,
    maxScore: report.maxScore,
    steps: Object.fromEntries(report.steps.map((step) => [step.id, step.score])),
    notPassed: checks.filter((c) => c.status !== "pass").map((c) => c.id),
    harnessErrors: checks.filter((c) => c.status === "error").map((c) => c.id),
    reportPath: `${base.id}/report.md`,
  };
}

/** The row of a submission that could not be graded, with the reason. */
export function errorRow(
  base: Pick<SubmissionRow, "id" | "columns" | "source" | "commit" | "commitDate">,
  maxScore: number,
  error: string,
): SubmissionRow {
  return { ...base, status: "error", error, maxScore, steps: {}, notPassed: [], harnessErrors: [] };
}
