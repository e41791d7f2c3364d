import type { Lang } from "../i18n/text.js";

/**
 * A class, graded: what `dockgrade batch` and `dockgrade merge` write as summary.json and what every
 * class-level output (grades.csv, index.html) is rendered from. Student text in it (names, errors, passages)
 * is raw: each renderer escapes it for its own format.
 */
export const SUMMARY_SCHEMA_VERSION = "1.0.0";

export interface ClassSummary {
  schemaVersion: string;
  tool: { name: "dockgrade"; version: string };
  lang: Lang;
  generatedAt: string;
  rubric: { id: string; title: string; digest: string; maxScore: number };
  /** Roster columns, in the roster's order (kept and copied to grades.csv). */
  columns: string[];
  steps: StepSummary[];
  submissions: SubmissionRow[];
  stats: ClassStats;
  /** Bins of equal width over 0..maxScore (10 bins), graded submissions only. */
  histogram: HistogramBin[];
  /** Checks most often not passed among graded submissions, most failed first. */
  mostFailed: FailedCheck[];
  /** Near-identical texts between submissions (or with a published reference), most similar first. */
  similarity: SimilarityPair[];
}

export interface StepSummary {
  id: string;
  title: string;
  maxScore: number;
  /** Mean score of graded submissions; null when none was graded. */
  average: number | null;
}

export interface SubmissionRow {
  /** Folder name under the output folder, from the roster identifier; unique in the class. */
  id: string;
  /** The roster's columns for this student (or `source` for a URL list or a folder). */
  columns: Record<string, string>;
  /** The repository URL (credentials stripped) or folder graded. */
  source?: string;
  /** graded: a report exists; error: the submission could not be graded (no repository, clone failed…). */
  status: "graded" | "error";
  /** Why the submission could not be graded, in the summary's language. */
  error?: string;
  commit?: string;
  /** Committer date of the graded commit (ISO 8601). */
  commitDate?: string;
  score?: number;
  maxScore: number;
  /** Step id → score, graded submissions only. */
  steps: Record<string, number>;
  /** Ids of checks that did not pass (fail, partial, error, skipped). */
  notPassed: string[];
  /** Ids of checks the harness could not check (status error). */
  harnessErrors: string[];
  /** The Markdown report, relative to the output folder (`<id>/report.md`). */
  reportPath?: string;
  /** True when the report of an earlier run was reused (content and rubric unchanged). */
  reused?: boolean;
}

export interface ClassStats {
  count: number;
  graded: number;
  errors: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface FailedCheck {
  checkId: string;
  title: string;
  stepId: string;
  /** Graded submissions where the check did not pass. */
  notPassed: number;
  graded: number;
}

export type SimilarityKind = "readme" | "dockerfile" | "app";

/** One text of one submission, as compared for similarity. */
export interface SimilarityDoc {
  /** The submission id (or, for a reference text, `reference:<file name>`). */
  owner: string;
  kind: SimilarityKind;
  /** Path of the text inside the submission (or the reference folder). */
  file: string;
  text: string;
}

export interface SimilarityPair {
  a: string;
  b: string;
  kind: SimilarityKind;
  /** Share of fingerprints in common, 0..1 (Jaccard over winnowed fingerprints, starter code removed). */
  score: number;
  /** True when `b` is a published reference text rather than a student. */
  reference: boolean;
  /** The shared passages, side by side (original text of each, trimmed to a few lines). */
  passages: Array<{ a: string; b: string }>;
}
