import { sanitizeText } from "../report/sanitize.js";
import type { Report } from "../report/schema.js";
import { formatPoints, labelled, reportWords, statusLabel } from "./labels.js";

const icon = { pass: "✅", partial: "🟡", fail: "❌", skipped: "⏭️", error: "⚠️" } as const;

/** Markdown for a pull request comment, a job summary or the report folder. Hidden checks are left out. */
export function renderMarkdown(report: Report, options: { showHidden?: boolean } = {}): string {
  const lang = report.lang;
  const out: string[] = [];
  out.push(`# ${cell(report.rubric.title)} — ${formatPoints(report.score)}/${formatPoints(report.maxScore)}`);
  out.push("");
  const commit = report.submission.commit
    ? ` · ${reportWords.commit[lang]} ${code(report.submission.commit.slice(0, 12))}`
    : "";
  out.push(
    `${labelled(reportWords.submission, lang)} ${code(report.submission.source)}${report.submission.path ? ` › ${code(report.submission.path)}` : ""}${commit}`,
  );
  if (!report.environment.docker.available) {
    out.push("");
    out.push(`> ⚠️ ${reportWords.dockerMissing[lang]} (${cell(report.environment.docker.reason ?? "")})`);
  }
  out.push("");
  out.push(`| ${reportWords.step[lang]} | ${reportWords.points[lang]} |`);
  out.push("|---|---:|");
  for (const step of report.steps)
    out.push(`| ${cell(step.title)} | ${formatPoints(step.score)}/${formatPoints(step.maxScore)} |`);
  out.push(
    `| **${reportWords.total[lang]}** | **${formatPoints(report.score)}/${formatPoints(report.maxScore)}** |`,
  );
  for (const step of report.steps) {
    const checks = step.checks.filter((check) => options.showHidden || check.visibility !== "hidden");
    if (checks.length === 0) continue;
    out.push("");
    out.push(`## ${cell(step.title)} — ${formatPoints(step.score)}/${formatPoints(step.maxScore)}`);
    out.push("");
    out.push(
      `| | ${reportWords.check[lang]} | ${reportWords.status[lang]} | ${reportWords.points[lang]} | ${reportWords.details[lang]} |`,
    );
    out.push("|---|---|---|---:|---|");
    for (const check of checks) {
      const detail = [
        check.message,
        check.feedback && `*${labelled(reportWords.hint, lang)}* ${check.feedback}`,
      ]
        .filter(Boolean)
        .map((text) => cell(String(text)))
        .join("<br>");
      out.push(
        `| ${icon[check.status]} | ${cell(check.title ?? check.id)} | ${statusLabel[check.status][lang]} | ${formatPoints(check.score)}/${formatPoints(check.maxScore)} | ${detail} |`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * Text inside a table cell or a heading stays there: control characters removed, line ends (`\r` too)
 * made `<br>`, pipes escaped, HTML and link or image brackets turned into entities (so student text can
 * neither add markup nor load an image). Emphasis and code marks are kept: messages use them.
 */
export function cell(text: string): string {
  return sanitizeText(text, Number.POSITIVE_INFINITY)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\[/g, "&#91;")
    .replace(/\]/g, "&#93;")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, "<br>");
}

/** Inline code that no backtick, line end or control character in `text` can close early. */
export function code(text: string): string {
  const plain = sanitizeText(text, Number.POSITIVE_INFINITY).replace(/\n/g, " ");
  const longest = Math.max(0, ...[...plain.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = plain.startsWith("`") || plain.endsWith("`") ? " " : "";
  return `${fence}${pad}${plain}${pad}${fence}`;
}
