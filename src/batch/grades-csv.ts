import { stringify } from "csv-stringify/sync";
import type { Lang } from "../i18n/text.js";
import type { ClassSummary } from "./types.js";

const HEADINGS = {
  commit: { en: "commit", fr: "commit" },
  commitDate: { en: "commit date", fr: "date du commit" },
  total: { en: "total", fr: "total" },
  status: { en: "status", fr: "statut" },
  error: { en: "error", fr: "erreur" },
  maximum: { en: "Points possible", fr: "Points maximum" },
  graded: { en: "graded", fr: "corrigé" },
  notGraded: { en: "not graded", fr: "non corrigé" },
} as const;

/**
 * grades.csv: the roster's columns, the commit graded and its date, the total, one column per step, the
 * status and the reason of an error. The first row after the header holds the maximum points, as
 * gradebooks expect when importing. Spreadsheet formulas in student text are neutralised.
 */
export function renderGradesCsv(summary: ClassSummary): string {
  const lang: Lang = summary.lang;
  const word = (key: keyof typeof HEADINGS) => HEADINGS[key][lang];
  const header = [
    ...summary.columns,
    word("commit"),
    word("commitDate"),
    word("total"),
    ...summary.steps.map((step) => step.title),
    word("status"),
    word("error"),
  ];
  const maximum = [
    word("maximum"),
    ...summary.columns.slice(1).map(() => ""),
    "",
    "",
    String(summary.rubric.maxScore),
    ...summary.steps.map((step) => String(step.maxScore)),
    "",
    "",
  ];
  const rows = summary.submissions.map((row) => [
    ...summary.columns.map((column) => row.columns[column] ?? ""),
    row.commit ?? "",
    row.commitDate ?? "",
    row.score === undefined ? "" : String(row.score),
    ...summary.steps.map((step) => (row.status === "graded" ? String(row.steps[step.id] ?? 0) : "")),
    row.status === "graded" ? word("graded") : word("notGraded"),
    row.error ?? "",
  ]);
  return stringify([header, maximum, ...rows].map((cells) => cells.map(inertCell)));
}

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) starts with a quote instead. */
export function inertCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}
