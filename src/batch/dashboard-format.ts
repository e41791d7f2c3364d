import type { Lang } from "../i18n/text.js";
import type { SubmissionRow } from "./types.js";

/** `12.5` -> `12,5` in French, `12.5` in English; at most two decimals, no trailing zeros. */
export function formatNumber(value: number, lang: Lang): string {
  const text = String(Math.round(value * 100) / 100);
  return lang === "fr" ? text.replace(".", ",") : text;
}

/** A share 0..1 as a whole percentage: `87 %` in French (narrow no-break space), `87%` in English. */
export function formatPercent(share: number, lang: Lang): string {
  const percent = Math.round(share * 100);
  return lang === "fr" ? `${percent}\u202f%` : `${percent}%`;
}

/** The generation date in words, in UTC so the same summary always renders the same page. */
export function formatDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const words = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date);
  return `${words} UTC`;
}

/** A commit date for a table cell: `2025-03-10 18:42` (UTC), which also sorts as text. */
export function formatCommitDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 16).replace("T", " ");
}

const NAME_COLUMNS = [
  "name",
  "nom",
  "full_name",
  "fullname",
  "nom_complet",
  "student",
  "etudiant",
  "étudiant",
];

/**
 * How a student is called in the similarity and error lists: the roster's name column when there is one,
 * then its first non-empty column, then the submission's folder name.
 */
export function displayName(row: SubmissionRow, columns: readonly string[]): string {
  const nameColumn = columns.find((column) => NAME_COLUMNS.includes(column.trim().toLowerCase()));
  const candidates = [nameColumn, ...columns].map((column) =>
    column === undefined ? "" : (row.columns[column] ?? "").trim(),
  );
  return candidates.find((value) => value !== "") ?? row.id;
}

/**
 * A step's title short enough for a column header: the part before a dash or colon when the title reads
 * `Étape 2 — Dockerfile et image` (`Étape 2`), otherwise the whole title.
 */
export function shortStepTitle(title: string): string {
  const match = /^(.{1,16}?)(?:\s+[—–-]|\s*:)\s+\S/.exec(title.trim());
  return match?.[1] ?? title.trim();
}
