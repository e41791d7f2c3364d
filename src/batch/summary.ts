import type { BatchManifest } from "./store.js";
import {
  type ClassStats,
  type ClassSummary,
  type FailedCheck,
  type HistogramBin,
  type SimilarityPair,
  SUMMARY_SCHEMA_VERSION,
  type SubmissionRow,
} from "./types.js";

const BINS = 10;
const MOST_FAILED = 10;

/** The class summary, from the manifest and every student's row. Pure: the caller gives the time. */
export function summarize(input: {
  manifest: BatchManifest;
  rows: SubmissionRow[];
  similarity: SimilarityPair[];
  toolVersion: string;
  generatedAt: string;
}): ClassSummary {
  const { manifest, rows } = input;
  const graded = rows.filter((row) => row.status === "graded");
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    tool: { name: "dockgrade", version: input.toolVersion },
    lang: manifest.lang,
    generatedAt: input.generatedAt,
    rubric: manifest.rubric,
    columns: manifest.columns,
    steps: manifest.steps.map((step) => ({
      ...step,
      average: mean(graded.map((row) => row.steps[step.id] ?? 0)),
    })),
    submissions: rows,
    stats: stats(rows, graded),
    histogram: histogram(
      graded.map((row) => row.score ?? 0),
      manifest.rubric.maxScore,
    ),
    mostFailed: mostFailed(manifest, graded),
    similarity: input.similarity,
  };
}

function stats(rows: SubmissionRow[], graded: SubmissionRow[]): ClassStats {
  const scores = graded.map((row) => row.score ?? 0).sort((a, b) => a - b);
  return {
    count: rows.length,
    graded: graded.length,
    errors: rows.length - graded.length,
    mean: mean(scores),
    median: median(scores),
    min: scores.length > 0 ? (scores[0] as number) : null,
    max: scores.length > 0 ? (scores[scores.length - 1] as number) : null,
  };
}

/** Ten bins of equal width over 0..max; the last bin includes the maximum. */
export function histogram(scores: number[], max: number): HistogramBin[] {
  const width = max / BINS;
  const bins = Array.from({ length: BINS }, (_, i) => ({
    from: round(i * width),
    to: round((i + 1) * width),
    count: 0,
  }));
  for (const score of scores) {
    const index = width > 0 ? Math.min(BINS - 1, Math.max(0, Math.floor(score / width))) : 0;
    (bins[index] as HistogramBin).count++;
  }
  return bins;
}

function mostFailed(manifest: BatchManifest, graded: SubmissionRow[]): FailedCheck[] {
  return manifest.checks
    .map((check) => ({
      checkId: check.id,
      title: check.title,
      stepId: check.stepId,
      notPassed: graded.filter((row) => row.notPassed.includes(check.id)).length,
      graded: graded.length,
    }))
    .filter((check) => check.notPassed > 0)
    .sort((a, b) => b.notPassed - a.notPassed || a.checkId.localeCompare(b.checkId))
    .slice(0, MOST_FAILED);
}

function mean(values: number[]): number | null {
  return values.length > 0 ? round(values.reduce((sum, v) => sum + v, 0) / values.length) : null;
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : round(((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
