import path from "node:path";
import { writeFileAtomic } from "../report/atomic-write.js";
import { renderDashboard } from "./dashboard.js";
import { renderGradesCsv } from "./grades-csv.js";
import { batchText } from "./messages.js";
import { errorRow } from "./rows.js";
import { withSimilarFindings } from "./similar-findings.js";
import { findSimilarPairs } from "./similarity.js";
import { type BatchManifest, readReport, readResult, readSimilarityDocs, saveReport } from "./store.js";
import { summarize } from "./summary.js";
import type { ClassSummary, SimilarityDoc, SimilarityPair, SubmissionRow } from "./types.js";

export interface FinalizeOptions {
  /** The entries to include (a shard's slice; every entry after a merge). Default: all of the manifest. */
  ids?: string[];
  /** Starter code everyone was given: never counts as similarity. */
  baseDocs?: SimilarityDoc[];
  /** Published reports: a student's text close to one is flagged. */
  referenceDocs?: SimilarityDoc[];
  toolVersion: string;
  now: Date;
}

/**
 * The class outputs, from what the students' folders hold: grades.csv, summary.json and index.html, each
 * written atomically. Run at the end of a batch and by merge; a student with no recorded result is an
 * error row ("not graded"), never a gap.
 */
export async function finalizeClass(
  outDir: string,
  manifest: BatchManifest,
  options: FinalizeOptions,
): Promise<ClassSummary> {
  const wanted = new Set(options.ids ?? manifest.entries.map((entry) => entry.id));
  const entries = manifest.entries.filter((entry) => wanted.has(entry.id));
  const rows: SubmissionRow[] = [];
  const docs: SimilarityDoc[] = [];
  for (const entry of entries) {
    const result = await readResult(outDir, entry.id);
    if (result) {
      rows.push(result.row);
      if (result.row.status === "graded") docs.push(...(await readSimilarityDocs(outDir, entry.id)));
    } else {
      rows.push(
        errorRow(
          { id: entry.id, columns: entry.columns, ...(entry.source ? { source: entry.source } : {}) },
          manifest.rubric.maxScore,
          batchText(manifest.lang, "notGradedYet"),
        ),
      );
    }
  }
  const similarity = findSimilarPairs(docs, {
    base: options.baseDocs ?? [],
    references: options.referenceDocs ?? [],
  });
  await flagSimilarReports(outDir, rows, similarity);
  const summary = summarize({
    manifest,
    rows,
    similarity,
    toolVersion: options.toolVersion,
    generatedAt: options.now.toISOString(),
  });
  await writeFileAtomic(path.join(outDir, "grades.csv"), renderGradesCsv(summary));
  await writeFileAtomic(path.join(outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFileAtomic(path.join(outDir, "index.html"), renderDashboard(summary));
  return summary;
}

/** Each graded report notes the near-identical lab reports on its quiz check (the score unchanged). */
async function flagSimilarReports(
  outDir: string,
  rows: SubmissionRow[],
  pairs: SimilarityPair[],
): Promise<void> {
  for (const row of rows) {
    if (row.status !== "graded") continue;
    const report = await readReport(outDir, row.id);
    if (!report) continue;
    const flagged = withSimilarFindings(report, row.id, pairs);
    if (flagged !== report && JSON.stringify(flagged) !== JSON.stringify(report))
      await saveReport(outDir, row.id, flagged);
  }
}
