import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import type { Lang } from "../i18n/text.js";
import type { Report } from "../report/schema.js";

type Status = Report["steps"][number]["checks"][number]["status"];

/** Status words shown to people, in both languages. */
export const statusLabel: Record<Status, Record<Lang, string>> = {
  pass: { en: "PASS", fr: "OK" },
  partial: { en: "PARTIAL", fr: "PARTIEL" },
  fail: { en: "FAIL", fr: "ÉCHEC" },
  skipped: { en: "SKIPPED", fr: "IGNORÉ" },
  error: { en: "ERROR", fr: "ERREUR" },
};

/** Headings and phrases the reporters print around the results. */
export const reportWords = {
  total: { en: "Total", fr: "Total" },
  step: { en: "Step", fr: "Étape" },
  check: { en: "Check", fr: "Vérification" },
  status: { en: "Status", fr: "Statut" },
  points: { en: "Points", fr: "Points" },
  details: { en: "Details", fr: "Détails" },
  submission: { en: "Submission", fr: "Rendu" },
  rubric: { en: "Rubric", fr: "Barème" },
  commit: { en: "commit", fr: "commit" },
  report: { en: "Lab report", fr: "Rapport" },
  dockerMissing: {
    en: "Docker was not available: checks that need it were skipped",
    fr: "Docker n'était pas disponible : les vérifications qui en ont besoin ont été ignorées",
  },
  hint: { en: "Hint", fr: "Conseil" },
} satisfies Record<string, Record<Lang, string>>;

/** `12.5` -> `12.5`, `12` -> `12`: scores without trailing zeros. */
export function formatPoints(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, "");
}

const typography = {
  /** A space before the colon in French, as its typography wants. */
  label: { en: "{word}:", fr: "{word} :" },
} satisfies MessageCatalog;

/** "Total:" in English, "Total :" in French. */
export function labelled(word: Record<Lang, string>, lang: Lang): string {
  return renderMessage(typography, "label", lang, { word: word[lang] });
}
