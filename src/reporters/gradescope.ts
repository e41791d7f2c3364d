import type { Report } from "../report/schema.js";
import { formatPoints, labelled, reportWords } from "./labels.js";

/** Gradescope's autograder `results.json` (the fields dockgrade fills; see the schema beside the test). */
export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: "text";
  test_output_format: "text";
  test_name_format: "text";
  visibility: "visible";
  stdout_visibility: "hidden";
  tests: Array<{
    name: string;
    number: string;
    score: number;
    max_score: number;
    status: "passed" | "failed";
    output: string;
    visibility: "visible" | "hidden";
    tags: string[];
  }>;
}

/**
 * Gradescope results: one test per check, numbered `step.check` (`2.3`), with its points, its message and
 * feedback as output, and the rubric's visibility (a hidden check stays hidden from students until the
 * instructor publishes it). `score` is dockgrade's total, so Gradescope records exactly the report's grade.
 */
export function toGradescope(report: Report): GradescopeResults {
  const lang = report.lang;
  const tests = report.steps.flatMap((step, stepIndex) =>
    step.checks.map((check, checkIndex) => ({
      name: `${step.title} — ${check.title ?? check.id}`,
      number: `${stepIndex + 1}.${checkIndex + 1}`,
      score: check.score,
      max_score: check.maxScore,
      status: check.status === "pass" ? ("passed" as const) : ("failed" as const),
      output: [check.message, check.feedback && `${labelled(reportWords.hint, lang)} ${check.feedback}`]
        .filter(Boolean)
        .join("\n"),
      visibility: check.visibility,
      tags: [step.id, check.grader],
    })),
  );
  return {
    score: report.score,
    execution_time: Math.round(report.durationMs / 1000),
    output: `${report.rubric.title} — ${formatPoints(report.score)}/${formatPoints(report.maxScore)}`,
    output_format: "text",
    test_output_format: "text",
    test_name_format: "text",
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
  };
}

export function renderGradescope(report: Report): string {
  return `${JSON.stringify(toGradescope(report), null, 2)}\n`;
}
