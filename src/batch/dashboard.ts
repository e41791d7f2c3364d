import { renderHistogram, renderMostFailed, renderStepAverages } from "./dashboard-charts.js";
import { formatDate, formatNumber } from "./dashboard-format.js";
import { say } from "./dashboard-labels.js";
import { DASHBOARD_SCRIPT, scriptHashSource } from "./dashboard-script.js";
import { renderSimilarity } from "./dashboard-similarity.js";
import { DASHBOARD_CSS } from "./dashboard-style.js";
import { renderErrors, renderSubmissions } from "./dashboard-table.js";
import { escapeHtml } from "./html-escape.js";
import type { ClassSummary } from "./types.js";

/**
 * Nothing is loaded from anywhere (no network, no file), styles are inline, and the one script runs only
 * because its hash is listed: a student string that escaped its escaping still could not run.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src ${scriptHashSource(DASHBOARD_SCRIPT)}`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * The class dashboard (`index.html` of `dockgrade batch`): one self-contained HTML document in the summary's
 * language. Pure: the same summary always gives the same page.
 */
export function renderDashboard(summary: ClassSummary): string {
  const { lang } = summary;
  const title = say("pageTitle", lang, { title: summary.rubric.title });
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${DASHBOARD_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(summary.rubric.title)}</h1>
<p>${say("generated", lang, { date: formatDate(summary.generatedAt, lang), version: summary.tool.version })}</p>
</header>
<main>
<section aria-labelledby="stats-title"><h2 id="stats-title">${say("statsHeading", lang)}</h2>
${renderStats(summary)}
</section>
<div class="pair">
<section>${renderHistogram(summary)}</section>
<section>${renderStepAverages(summary)}</section>
</div>
<div class="pair">
<section>${renderMostFailed(summary)}</section>
<section>${renderErrors(summary)}</section>
</div>
<section id="table-section">${renderSubmissions(summary)}</section>
<section>${renderSimilarity(summary)}</section>
</main>
<footer><p>${say("footer", lang)}</p></footer>
<script>${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;
}

function renderStats(summary: ClassSummary): string {
  const { lang, stats } = summary;
  const outOf = `<small>${say("outOf", lang, { max: formatNumber(summary.rubric.maxScore, lang) })}</small>`;
  const points = (value: number | null): string =>
    value === null ? `<small>${say("noScore", lang)}</small>` : `${formatNumber(value, lang)} ${outOf}`;
  const range =
    stats.min === null || stats.max === null
      ? `<small>${say("noScore", lang)}</small>`
      : `${formatNumber(stats.min, lang)} – ${formatNumber(stats.max, lang)} ${outOf}`;
  const items: Array<[string, string, string]> = [
    [say("statCount", lang), String(stats.count), ""],
    [say("statGraded", lang), String(stats.graded), ""],
    [say("statErrors", lang), String(stats.errors), stats.errors > 0 ? "bad" : ""],
    [say("statMean", lang), points(stats.mean), ""],
    [say("statMedian", lang), points(stats.median), ""],
    [say("statRange", lang), range, ""],
  ];
  const cards = items.map(
    ([label, value, tone]) =>
      `<div${tone ? ` class="${tone}"` : ""}><dt>${label}</dt><dd>${value}</dd></div>`,
  );
  return `<dl class="stats" id="stats">${cards.join("")}</dl>`;
}
