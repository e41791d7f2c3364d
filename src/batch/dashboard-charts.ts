import { formatNumber, shortStepTitle } from "./dashboard-format.js";
import { say } from "./dashboard-labels.js";
import { escapeHtml } from "./html-escape.js";
import type { ClassSummary } from "./types.js";

// The histogram's drawing box, in SVG units; the SVG scales to its column's width.
const WIDTH = 600;
const HEIGHT = 260;
const LEFT = 44;
const RIGHT = 12;
const TOP = 22;
const BOTTOM = 52;

/** Score histogram: one bar per bin (a zero-height bar for an empty bin), its count above it, both axes. */
export function renderHistogram(summary: ClassSummary): string {
  const { lang } = summary;
  const max = formatNumber(summary.rubric.maxScore, lang);
  const head = `<h2 id="histogram-title">${say("histogramHeading", lang)}</h2>`;
  if (summary.stats.graded === 0 || summary.histogram.length === 0) {
    return `${head}<p class="muted">${say("nothingGraded", lang)}</p>`;
  }
  const bins = summary.histogram;
  const tallest = Math.max(1, ...bins.map((bin) => bin.count));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / bins.length;
  const baseline = TOP + plotHeight;
  const parts: string[] = [];
  bins.forEach((bin, index) => {
    const height = (bin.count / tallest) * plotHeight;
    const x = LEFT + index * slot + slot * 0.12;
    const width = slot * 0.76;
    const from = formatNumber(bin.from, lang);
    const to = formatNumber(bin.to, lang);
    const label = say("histogramBar", lang, { from, to, count: bin.count });
    parts.push(
      `<rect class="bar" data-count="${bin.count}" x="${fixed(x)}" y="${fixed(baseline - height)}" width="${fixed(width)}" height="${fixed(height)}"><title>${label}</title></rect>`,
    );
    if (bin.count > 0) {
      parts.push(
        `<text x="${fixed(x + width / 2)}" y="${fixed(baseline - height - 5)}" text-anchor="middle">${bin.count}</text>`,
      );
    }
    parts.push(
      `<text x="${fixed(x + width / 2)}" y="${baseline + 16}" text-anchor="middle">${escapeHtml(`${from}–${to}`)}</text>`,
    );
  });
  const axes = [
    `<line class="axis" x1="${LEFT}" y1="${baseline}" x2="${WIDTH - RIGHT}" y2="${baseline}"/>`,
    `<line class="axis" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${baseline}"/>`,
    `<text x="${LEFT - 6}" y="${baseline + 4}" text-anchor="end">0</text>`,
    `<text x="${LEFT - 6}" y="${TOP + 4}" text-anchor="end">${tallest}</text>`,
    `<text x="${LEFT + plotWidth / 2}" y="${HEIGHT - 8}" text-anchor="middle">${say("histogramXAxis", lang, { max })}</text>`,
    `<text transform="translate(14 ${TOP + plotHeight / 2}) rotate(-90)" text-anchor="middle">${say("histogramYAxis", lang)}</text>`,
  ];
  return `${head}
<svg id="histogram" role="img" aria-labelledby="histogram-title histogram-desc" viewBox="0 0 ${WIDTH} ${HEIGHT}">
<desc id="histogram-desc">${say("histogramDesc", lang, { max })}</desc>
${axes.join("\n")}
${parts.join("\n")}
</svg>`;
}

/** Average per step as a table with a bar: step title, average / maximum, the share drawn. */
export function renderStepAverages(summary: ClassSummary): string {
  const { lang } = summary;
  const rows = summary.steps.map((step) => {
    const max = formatNumber(step.maxScore, lang);
    if (step.average === null) {
      return `<tr><th scope="row">${escapeHtml(step.title)}</th><td class="num">— / ${max}</td><td><span class="muted">${say("noScore", lang)}</span></td></tr>`;
    }
    const share = step.maxScore > 0 ? step.average / step.maxScore : 0;
    return `<tr><th scope="row">${escapeHtml(step.title)}</th><td class="num" data-value="${step.average}">${formatNumber(step.average, lang)} / ${max}</td><td>${meter(share)}</td></tr>`;
  });
  return `<h2>${say("stepsHeading", lang)}</h2>
<table id="step-averages"><thead><tr><th scope="col">${say("step", lang)}</th><th scope="col" class="num">${say("average", lang)}</th><th scope="col"><span class="visually-hidden">%</span></th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

/** The checks most often not passed: title, step, how many graded submissions missed it. */
export function renderMostFailed(summary: ClassSummary): string {
  const { lang } = summary;
  const head = `<h2>${say("failedHeading", lang)}</h2>`;
  if (summary.mostFailed.length === 0) return `${head}<p class="muted">${say("noneFailed", lang)}</p>`;
  const stepTitle = new Map(summary.steps.map((step) => [step.id, step.title]));
  const rows = summary.mostFailed.map((check) => {
    const share = check.graded > 0 ? check.notPassed / check.graded : 0;
    const step = stepTitle.get(check.stepId) ?? check.stepId;
    const count = say("notPassedCount", lang, { n: check.notPassed, graded: check.graded });
    return `<tr><td>${escapeHtml(check.title)}</td><td class="nowrap" title="${escapeHtml(step)}">${escapeHtml(shortStepTitle(step))}</td><td class="num" data-value="${check.notPassed}">${count}</td><td>${meter(share, "bad")}</td></tr>`;
  });
  return `${head}
<table id="most-failed"><caption>${say("failedCaption", lang)}</caption>
<thead><tr><th scope="col">${say("check", lang)}</th><th scope="col">${say("step", lang)}</th><th scope="col" class="num">${say("notPassed", lang)}</th><th scope="col"><span class="visually-hidden">%</span></th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

function meter(share: number, tone = ""): string {
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 100);
  return `<div class="meter${tone ? ` ${tone}` : ""}" aria-hidden="true"><span style="width:${percent}%"></span></div>`;
}

function fixed(value: number): string {
  return String(Math.round(value * 10) / 10);
}
