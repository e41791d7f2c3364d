import { createColors } from "picocolors";
import { sanitizeText } from "../report/sanitize.js";
import type { Report } from "../report/schema.js";
import { formatPoints, labelled, reportWords, statusLabel } from "./labels.js";

export interface TextOptions {
  /** Colours on or off; the CLI decides from the terminal and NO_COLOR / FORCE_COLOR. */
  color: boolean;
  /** Show hidden checks (instructors) or leave them out (students). */
  showHidden?: boolean;
}

/** The terminal report: one line per check under its step, the message indented below anything not passed. */
export function renderText(report: Report, options: TextOptions): string {
  const c = createColors(options.color);
  // Every string of the report is printed as plain text: no escape sequence reaches the terminal.
  const plain = (text: string) => sanitizeText(text, Number.POSITIVE_INFINITY);
  const lang = report.lang;
  const paint = { pass: c.green, partial: c.yellow, fail: c.red, skipped: c.dim, error: c.magenta } as const;
  const lines: string[] = [];
  lines.push(c.bold(plain(report.rubric.title)));
  const where = [report.submission.source, report.submission.path].filter(Boolean).map(plain).join(" › ");
  const commit = report.submission.commit
    ? ` (${reportWords.commit[lang]} ${plain(report.submission.commit.slice(0, 12))})`
    : "";
  lines.push(`${labelled(reportWords.submission, lang)} ${where}${commit}`);
  if (report.submission.reportFile)
    lines.push(`${labelled(reportWords.report, lang)} ${plain(report.submission.reportFile)}`);
  if (!report.environment.docker.available) {
    lines.push(
      c.yellow(`! ${reportWords.dockerMissing[lang]} (${plain(report.environment.docker.reason ?? "")})`),
    );
  }
  for (const step of report.steps) {
    const checks = step.checks.filter((check) => options.showHidden || check.visibility !== "hidden");
    if (checks.length === 0) continue;
    lines.push("");
    lines.push(c.bold(`${plain(step.title)}  ${formatPoints(step.score)}/${formatPoints(step.maxScore)}`));
    for (const check of checks) {
      const label = statusLabel[check.status][lang].padEnd(8);
      const name = plain(check.title ?? check.id);
      lines.push(
        `  ${paint[check.status](label)} ${name}  ${c.dim(`${formatPoints(check.score)}/${formatPoints(check.maxScore)}`)}`,
      );
      if (check.status !== "pass") {
        for (const line of plain(check.message).split("\n")) lines.push(`           ${line}`);
        if (check.feedback)
          lines.push(`           ${c.cyan(`${labelled(reportWords.hint, lang)} ${plain(check.feedback)}`)}`);
      }
    }
  }
  lines.push("");
  lines.push(
    c.bold(
      `${labelled(reportWords.total, lang)} ${formatPoints(report.score)}/${formatPoints(report.maxScore)}`,
    ),
  );
  return `${lines.join("\n")}\n`;
}
