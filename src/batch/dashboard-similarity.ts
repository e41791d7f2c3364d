import { displayName, formatPercent } from "./dashboard-format.js";
import { kindLabel, say } from "./dashboard-labels.js";
import { escapeHtml } from "./html-escape.js";
import type { ClassSummary, SimilarityPair } from "./types.js";

const REFERENCE_PREFIX = "reference:";

/** Similar pairs, closest first; each opens on its shared passages, side by side. */
export function renderSimilarity(summary: ClassSummary): string {
  const { lang } = summary;
  const head = `<h2>${say("similarityHeading", lang)}</h2>`;
  if (summary.similarity.length === 0) return `${head}<p class="muted">${say("similarityNone", lang)}</p>`;
  const names = new Map(summary.submissions.map((row) => [row.id, displayName(row, summary.columns)]));
  const nameOf = (owner: string, reference: boolean): string => {
    if (reference || owner.startsWith(REFERENCE_PREFIX)) {
      return interpolateReference(owner, summary);
    }
    return escapeHtml(names.get(owner) ?? owner);
  };
  const pairs = summary.similarity.map((pair) =>
    renderPair(pair, nameOf(pair.a, false), nameOf(pair.b, pair.reference), summary),
  );
  return `${head}
<p class="muted">${say("similarityIntro", lang)}</p>
<div id="similarity">
${pairs.join("\n")}
</div>`;
}

function interpolateReference(owner: string, summary: ClassSummary): string {
  const file = owner.startsWith(REFERENCE_PREFIX) ? owner.slice(REFERENCE_PREFIX.length) : owner;
  return say("reference", summary.lang, { file });
}

function renderPair(pair: SimilarityPair, a: string, b: string, summary: ClassSummary): string {
  const { lang } = summary;
  const percent = say("similarityScore", lang, { percent: formatPercent(pair.score, lang) });
  const passages = pair.passages.map(
    (passage) =>
      `<div><h3>${a}</h3><pre>${escapeHtml(passage.a)}</pre></div><div><h3>${b}</h3><pre>${escapeHtml(passage.b)}</pre></div>`,
  );
  return `<details data-score="${pair.score}">
<summary>${a} ↔ ${b} · <code>${escapeHtml(kindLabel[pair.kind] ?? pair.kind)}</code> · <strong>${percent}</strong></summary>
<div class="passages" role="group" aria-label="${say("sharedPassages", lang)}">
${passages.join("\n")}
</div>
</details>`;
}
