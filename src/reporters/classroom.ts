import type { Report } from "../report/schema.js";

/**
 * GitHub Classroom's autograding result (the JSON a runner hands to `autograding-grading-reporter`,
 * base64-encoded in `<RUNNER>_RESULTS`): one "test" per check. Hidden checks count, but say nothing.
 */
export interface ClassroomResult {
  version: 1;
  status: "pass" | "fail" | "error";
  max_score: number;
  tests: Array<{
    name: string;
    status: "pass" | "fail" | "error";
    score: number;
    message: string;
    test_code: string;
    filename: string;
    line_no: number;
    execution_time: string;
  }>;
}

export function toClassroom(report: Report): ClassroomResult {
  const tests = report.steps.flatMap((step) =>
    step.checks.map((check) => {
      const hidden = check.visibility === "hidden";
      // `skipped` earns nothing: shown as a failure whose message says why it did not run.
      const status = check.status === "error" ? "error" : check.status === "pass" ? "pass" : "fail";
      const at = check.findings.find((f) => f.severity === "problem" && f.file);
      return {
        name: `${step.title} — ${hidden ? "•••" : (check.title ?? check.id)}`,
        status,
        score: check.score,
        message: hidden ? "" : [check.message, check.feedback].filter(Boolean).join("\n"),
        test_code: "",
        filename: hidden ? "" : (at?.file ?? ""),
        line_no: hidden ? 0 : (at?.line ?? 0),
        execution_time: `${(check.durationMs / 1000).toFixed(2)}s`,
      } as const;
    }),
  );
  const status = tests.some((t) => t.status === "error")
    ? "error"
    : report.score >= report.maxScore
      ? "pass"
      : "fail";
  return { version: 1, status, max_score: report.maxScore, tests };
}

export function renderClassroom(report: Report): string {
  return `${JSON.stringify(toClassroom(report))}\n`;
}
