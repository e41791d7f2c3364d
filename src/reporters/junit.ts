import type { CheckResult, Report } from "../report/schema.js";
import { labelled, reportWords } from "./labels.js";

/**
 * JUnit XML, as CI servers read it (Jenkins, GitLab, GitHub test reporters): one `<testsuite>` per step,
 * one `<testcase>` per check with its points in `<properties>`; a failed or partial check is a `<failure>`
 * whose text is the message and the feedback, a check the harness could not run an `<error>`, a check that
 * did not run `<skipped>`. Hidden checks count, but say nothing unless `showHidden`.
 */
export function renderJunit(report: Report, options: { showHidden?: boolean } = {}): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = report.steps.flatMap((step) => step.checks);
  out.push(
    `<testsuites name="${attr(report.rubric.title)}" tests="${all.length}" failures="${count(all, "failure")}" errors="${count(all, "error")}" time="${seconds(report.durationMs)}">`,
  );
  report.steps.forEach((step, index) => {
    const time = step.checks.reduce((sum, check) => sum + check.durationMs, 0);
    out.push(
      `  <testsuite name="${attr(step.title)}" id="${index}" tests="${step.checks.length}" failures="${count(step.checks, "failure")}" errors="${count(step.checks, "error")}" skipped="${count(step.checks, "skipped")}" time="${seconds(time)}" timestamp="${attr(report.startedAt.replace(/Z$|\.\d+Z$/, ""))}">`,
    );
    out.push("    <properties>");
    out.push(property("score", step.score, 6), property("max_score", step.maxScore, 6));
    out.push("    </properties>");
    for (const check of step.checks) out.push(...testcase(report, step.id, check, options.showHidden));
    out.push("  </testsuite>");
  });
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function testcase(report: Report, stepId: string, check: CheckResult, showHidden = false): string[] {
  const silent = check.visibility === "hidden" && !showHidden;
  const name = silent ? hiddenName[report.lang] : (check.title ?? check.id);
  const out = [
    `    <testcase name="${attr(name)}" classname="${attr(`${report.rubric.id}.${stepId}`)}" time="${seconds(check.durationMs)}">`,
    "      <properties>",
    property("score", check.score, 8),
    property("max_score", check.maxScore, 8),
    property("status", check.status, 8),
    "      </properties>",
  ];
  const kind = outcome(check);
  if (kind) {
    const text = silent
      ? ""
      : [check.message, check.feedback && `${labelled(reportWords.hint, report.lang)} ${check.feedback}`]
          .filter(Boolean)
          .join("\n");
    const points = `${check.score}/${check.maxScore}`;
    const message = silent ? points : `${points} — ${check.message.split("\n")[0] ?? ""}`;
    out.push(
      `      <${kind} message="${attr(message)}"${kind === "skipped" ? "" : ` type="${check.status}"`}>${text_(text)}</${kind}>`,
    );
  }
  out.push("    </testcase>");
  return out;
}

function outcome(check: CheckResult): "failure" | "error" | "skipped" | undefined {
  if (check.status === "pass") return undefined;
  if (check.status === "error") return "error";
  if (check.status === "skipped") return "skipped";
  return "failure";
}

function count(checks: CheckResult[], kind: "failure" | "error" | "skipped"): number {
  return checks.filter((check) => outcome(check) === kind).length;
}

function property(name: string, value: string | number, indent: number): string {
  return `${" ".repeat(indent)}<property name="${name}" value="${attr(String(value))}"/>`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 allows no control characters but tab, LF and CR, nor lone surrogates: student text may hold any. */
function clean(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const allowed =
      code === 9 ||
      code === 10 ||
      code === 13 ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    out += allowed ? ch : "\ufffd";
  }
  return out;
}

function text_(text: string): string {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(text: string): string {
  return text_(text)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

const hiddenName = { en: "hidden check", fr: "vérification cachée" } as const;
