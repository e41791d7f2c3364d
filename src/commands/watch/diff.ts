import { type MessageCatalog, renderMessage } from "../../i18n/catalog.js";
import type { Lang } from "../../i18n/text.js";
import type { CheckResult, Report } from "../../report/schema.js";
import { formatPoints, statusLabel } from "../../reporters/labels.js";

const WORDS = {
  none: {
    en: "No change in points since the last run.",
    fr: "Aucun point gagné ni perdu depuis le dernier passage.",
  },
  heading: { en: "Since the last run:", fr: "Depuis le dernier passage :" },
  total: { en: "Total: {change}", fr: "Total : {change}" },
  hidden: { en: "hidden check", fr: "vérification masquée" },
} satisfies MessageCatalog;

function signed(value: number): string {
  return value > 0 ? `+${formatPoints(value)}` : value < 0 ? `−${formatPoints(-value)}` : "±0";
}

/**
 * What changed between two reports of the same submission: a line per check whose points or status moved
 * (points gained or lost, status before and after), then the total. Hidden checks keep their title hidden.
 */
export function changeLines(previous: Report, next: Report, lang: Lang, showHidden: boolean): string[] {
  const before = new Map<string, CheckResult>(
    previous.steps.flatMap((step) => step.checks).map((check) => [check.id, check]),
  );
  const lines: string[] = [];
  for (const check of next.steps.flatMap((step) => step.checks)) {
    const old = before.get(check.id);
    if (old && old.score === check.score && old.status === check.status) continue;
    const title =
      check.visibility === "hidden" && !showHidden ? WORDS.hidden[lang] : (check.title ?? check.id);
    const status = old
      ? `${statusLabel[old.status][lang]} → ${statusLabel[check.status][lang]}`
      : statusLabel[check.status][lang];
    const points = `${formatPoints(old?.score ?? 0)} → ${formatPoints(check.score)}/${formatPoints(check.maxScore)}`;
    lines.push(`  ${signed(check.score - (old?.score ?? 0)).padStart(5)}  ${title}  (${points}, ${status})`);
  }
  const change = `${formatPoints(previous.score)} → ${formatPoints(next.score)}/${formatPoints(next.maxScore)} (${signed(next.score - previous.score)})`;
  const total = renderMessage(WORDS, "total", lang, { change });
  if (lines.length === 0) return [WORDS.none[lang], total];
  return [WORDS.heading[lang], ...lines, total];
}
