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
    ? ` · ${reportWords.commit[lang]} \`${report.submission.commit.slice(0, 12)}\``
    : "";
  out.push(
    `${labelled(reportWords.submission, lang)} \`${report.submission.source}\`${report.submission.path ? ` › \`${report.submission.path}\`` : ""}${commit}`,
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
        .map((text) => cell(String(text)).replace(/\n/g, "<br>"))
        .join("<br>");
      out.push(
        `| ${icon[check.status]} | ${cell(check.title ?? check.id)} | ${statusLabel[check.status][lang]} | ${formatPoints(check.score)}/${formatPoints(check.maxScore)} | ${detail} |`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/** Table cells must not break the table: pipes escaped, HTML-looking text neutralised. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
