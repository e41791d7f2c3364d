import path from "node:path";
import pLimit from "p-limit";
import { writeFileAtomic } from "../report/atomic-write.js";
import { readClassCache, reusePlan, saveClassCache, similarityKey } from "./class-cache.js";
import { renderDashboard } from "./dashboard.js";
import { renderGradesCsv } from "./grades-csv.js";
import { batchText } from "./messages.js";
import { errorRow } from "./rows.js";
import { withSimilarFindings } from "./similar-findings.js";
import { findSimilarPairs } from "./similarity.js";
import {
  type BatchManifest,
  REPORT,
  readReport,
  readResult,
  readSimilarityDocs,
  SIMILARITY,
  saveReport,
  studentFileDigest,
} from "./store.js";
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
  /**
   * Why a student has no recorded result: the batch was interrupted before grading them (a run of the
   * batch), or no shard holds it (a merge, the default).
   */
  missing?: "interrupted" | "notGradedYet";
}

/** Student folders read at once (a class of hundreds stays within the open-file limit). */
const READS = 16;

/**
 * The class outputs, from what the students' folders hold: grades.csv, summary.json and index.html, each
 * written atomically. Run at the end of a batch and by merge; a student with no recorded result is an
 * error row ("not graded"), never a gap.
 *
 * The costly part, the similarity pairs and the similar findings they add to reports, is taken from the
 * last finalisation (class-cache.json) when its input is unchanged: the students' stored texts are only
 * hashed, and a report is only read when it is not the one the last run left. The three outputs are
 * always rendered again from the rows (milliseconds), so they show this run (reused reports, date) and a
 * deleted or half-written one is rebuilt.
 */
export async function finalizeClass(
  outDir: string,
  manifest: BatchManifest,
  options: FinalizeOptions,
): Promise<ClassSummary> {
  const wanted = new Set(options.ids ?? manifest.entries.map((entry) => entry.id));
  const entries = manifest.entries.filter((entry) => wanted.has(entry.id));
  const limit = pLimit(READS);
  const students = await Promise.all(
    entries.map((entry) =>
      limit(async () => {
        const result = await readResult(outDir, entry.id);
        if (!result) {
          const row = errorRow(
            { id: entry.id, columns: entry.columns, ...(entry.source ? { source: entry.source } : {}) },
            manifest.rubric.maxScore,
            batchText(manifest.lang, options.missing ?? "notGradedYet"),
          );
          return { row };
        }
        if (result.row.status !== "graded") return { row: result.row };
        const [docs, report] = await Promise.all([
          studentFileDigest(outDir, entry.id, SIMILARITY),
          studentFileDigest(outDir, entry.id, REPORT),
        ]);
        return { row: result.row, graded: { docs: docs ?? "", report } };
      }),
    ),
  );
  const rows: SubmissionRow[] = students.map((s) => s.row);
  const graded = students.flatMap((s) => (s.graded ? [{ id: s.row.id, ...s.graded }] : []));
  const key = similarityKey({
    docs: graded.map((g) => ({ id: g.id, digest: g.docs })),
    baseDocs: options.baseDocs,
    referenceDocs: options.referenceDocs,
    toolVersion: options.toolVersion,
  });
  const plan = reusePlan(await readClassCache(outDir), {
    similarityKey: key,
    reports: graded.map((g) => ({ id: g.id, digest: g.report })),
  });
  const similarity =
    plan.pairs ??
    findSimilarPairs(
      (await Promise.all(graded.map((g) => limit(() => readSimilarityDocs(outDir, g.id))))).flat(),
      { base: options.baseDocs ?? [], references: options.referenceDocs ?? [] },
    );
  const reports: Record<string, string> = {};
  for (const g of graded) if (g.report) reports[g.id] = g.report;
  for (const id of plan.flag) {
    const digest = await flagSimilarReport(outDir, id, similarity);
    if (digest) reports[id] = digest;
    else delete reports[id];
  }
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
  await saveClassCache(outDir, { version: 1, similarityKey: key, pairs: similarity, reports });
  return summary;
}

/**
 * A graded report notes the near-identical lab reports on its quiz check (the score unchanged). Returns
 * the digest of the report.json left in place, undefined when there is none to read.
 */
async function flagSimilarReport(
  outDir: string,
  id: string,
  pairs: SimilarityPair[],
): Promise<string | undefined> {
  const report = await readReport(outDir, id);
  if (!report) return undefined;
  const flagged = withSimilarFindings(report, id, pairs);
  if (flagged !== report && JSON.stringify(flagged) !== JSON.stringify(report))
    await saveReport(outDir, id, flagged);
  return studentFileDigest(outDir, id, REPORT);
}
