import { displayName, formatCommitDate, formatNumber, shortStepTitle } from "./dashboard-format.js";
import { say } from "./dashboard-labels.js";
import { escapeHtml, relativeHref } from "./html-escape.js";
import type { ClassSummary, StepSummary, SubmissionRow } from "./types.js";

/** Search box, status menu and the sortable table of every submission, rendered in full (no script needed). */
export function renderSubmissions(summary: ClassSummary): string {
  const { lang } = summary;
  const total = summary.submissions.length;
  const head = [
    ...summary.columns.map((column) => sortable(escapeHtml(column), "text")),
    sortable(say("score", lang), "number", "num"),
    ...summary.steps.map((step) => sortable(stepHeader(step, lang), "number", "num step", step.title)),
    sortable(say("status", lang), "text"),
    sortable(say("commit", lang), "text"),
    sortable(say("commitDate", lang), "text"),
    `<th scope="col">${say("report", lang)}</th>`,
  ];
  const rows = summary.submissions.map((row) => renderRow(row, summary));
  return `<h2 id="table-title">${say("tableHeading", lang)}</h2>
<div class="controls">
<label for="filter-text">${say("filterText", lang)}<input id="filter-text" type="search" autocomplete="off" placeholder="${say("filterPlaceholder", lang)}"></label>
<label for="filter-status">${say("filterStatus", lang)}<select id="filter-status">
<option value="all">${say("filterAll", lang)}</option>
<option value="graded">${say("filterGraded", lang)}</option>
<option value="error">${say("filterErrors", lang)}</option>
</select></label>
<p id="filter-count" class="muted" role="status" aria-live="polite" data-template="${say("filterCount", lang)}">${say("filterCount", lang, { shown: total, total })}</p>
</div>
<div class="scroll" role="region" aria-labelledby="table-title" tabindex="0">
<table id="submissions"><caption>${say("tableCaption", lang)}</caption>
<thead><tr>${head.join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</div>`;
}

/** The submissions that could not be graded, with the reason and what to do about it. */
export function renderErrors(summary: ClassSummary): string {
  const { lang } = summary;
  const head = `<h2>${say("errorsHeading", lang)}</h2>`;
  const errored = summary.submissions.filter((row) => row.status === "error");
  if (errored.length === 0) return `${head}<p class="muted">${say("noErrors", lang)}</p>`;
  const rows = errored.map(
    (row) =>
      `<tr><td>${escapeHtml(displayName(row, summary.columns))}</td><td class="error-text">${escapeHtml(row.error ?? "")}</td></tr>`,
  );
  return `${head}
<table id="errors"><caption>${say("errorsHint", lang)}</caption>
<thead><tr><th scope="col">${say("student", lang)}</th><th scope="col">${say("reason", lang)}</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

/** A column title that sorts the table when clicked; `label` is HTML already escaped. */
function sortable(label: string, type: "text" | "number", className = "", hint = ""): string {
  const cls = className ? ` class="${className}"` : "";
  const title = hint ? ` title="${escapeHtml(hint)}"` : "";
  return `<th scope="col"${cls}${title} data-type="${type}"><button type="button">${label}</button></th>`;
}

/** `Étape 2` shown, `/ 20` under it; screen readers hear the whole title. */
function stepHeader(step: StepSummary, lang: ClassSummary["lang"]): string {
  const short = shortStepTitle(step.title);
  const max = `<small>/ ${formatNumber(step.maxScore, lang)}</small>`;
  if (short === step.title) return `${escapeHtml(short)} ${max}`;
  return `<span aria-hidden="true">${escapeHtml(short)}</span><span class="visually-hidden">${escapeHtml(step.title)}</span> ${max}`;
}

function renderRow(row: SubmissionRow, summary: ClassSummary): string {
  const { lang } = summary;
  const cells = summary.columns.map((column) => `<td>${escapeHtml(row.columns[column] ?? "")}</td>`);
  const graded = row.status === "graded";
  cells.push(
    graded && row.score !== undefined
      ? `<td class="num" data-value="${row.score}"><strong>${formatNumber(row.score, lang)}</strong> / ${formatNumber(row.maxScore, lang)}</td>`
      : `<td class="num" data-value=""></td>`,
  );
  for (const step of summary.steps) cells.push(stepCell(row, step, lang));
  const status = graded
    ? `<span class="badge ok">${say("statusGraded", lang)}</span>`
    : `<span class="badge error">${say("statusError", lang)}</span><br><span class="error-text">${escapeHtml(row.error ?? "")}</span>`;
  const warning =
    row.harnessErrors.length > 0
      ? `<br><small class="muted" title="${say("harnessErrorsTitle", lang)}">${say("harnessErrors", lang, { n: row.harnessErrors.length })}</small>`
      : "";
  cells.push(
    `<td data-value="${say(graded ? "statusGraded" : "statusError", lang)}">${status}${warning}</td>`,
  );
  cells.push(
    row.commit
      ? `<td><code title="${escapeHtml(row.commit)}">${escapeHtml(row.commit.slice(0, 7))}</code></td>`
      : "<td></td>",
  );
  cells.push(
    row.commitDate ? `<td class="date">${escapeHtml(formatCommitDate(row.commitDate))}</td>` : "<td></td>",
  );
  cells.push(`<td class="date">${reportLink(row, lang)}</td>`);
  return `<tr data-status="${graded ? "graded" : "error"}">${cells.join("")}</tr>`;
}

function stepCell(row: SubmissionRow, step: StepSummary, lang: ClassSummary["lang"]): string {
  const score = row.steps[step.id];
  if (score === undefined) return `<td class="num" data-value=""></td>`;
  const share = step.maxScore > 0 ? score / step.maxScore : 0;
  const tone = share >= 1 ? "full" : share < 0.5 ? "low" : "part";
  return `<td class="num ${tone}" data-value="${score}">${formatNumber(score, lang)}</td>`;
}

function reportLink(row: SubmissionRow, lang: ClassSummary["lang"]): string {
  if (!row.reportPath) return "";
  const href = relativeHref(row.reportPath);
  const badge = row.reused
    ? ` <span class="badge reused" title="${say("reusedTitle", lang)}">${say("reused", lang)}</span>`
    : "";
  return `<a href="${escapeHtml(href)}">${say("openReport", lang)}</a>${badge}`;
}
