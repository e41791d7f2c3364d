import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Lang } from "../i18n/text.js";
import { writeFileAtomic } from "../report/atomic-write.js";
import type { Report } from "../report/schema.js";
import { writeReport } from "../reporters/write-report.js";
import { sha256 } from "./class-cache.js";
import type { SimilarityDoc, StepSummary, SubmissionRow } from "./types.js";

/** What one student's folder records besides the report: the row of grades.csv and the cache key. */
export interface StoredResult {
  version: 1;
  row: SubmissionRow;
  /** Content + rubric + options digest: while it is unchanged, the report is reused. */
  key?: string;
  rubricDigest: string;
  lang: Lang;
}

/** The batch's own record of its class: the full roster (every shard keeps all of it) and the rubric. */
export interface BatchManifest {
  version: 1;
  rubric: { id: string; title: string; digest: string; maxScore: number };
  lang: Lang;
  columns: string[];
  steps: Array<Omit<StepSummary, "average">>;
  checks: Array<{ id: string; title: string; stepId: string }>;
  entries: Array<{ id: string; columns: Record<string, string>; source?: string }>;
  shard?: { index: number; count: number };
  deadline?: string;
}

export const MANIFEST = "batch.json";
const RESULT = "result.json";
export const SIMILARITY = "similarity.json";
export const REPORT = "report.json";

export function studentDir(outDir: string, id: string): string {
  return path.join(outDir, id);
}

/**
 * A graded submission's files, in an order that makes the result.json the commit point: the reports
 * first, then the similarity texts, then result.json. A run killed in between leaves no result.json, so the
 * next run grades that student again.
 */
export async function saveGraded(
  outDir: string,
  stored: StoredResult,
  report: Report,
  docs: SimilarityDoc[],
): Promise<void> {
  await saveReport(outDir, stored.row.id, report);
  await writeFileAtomic(
    path.join(studentDir(outDir, stored.row.id), SIMILARITY),
    `${JSON.stringify(docs)}\n`,
  );
  await saveResult(outDir, stored);
}

/** report.json and its Markdown rendering (every check shown: the folder is the instructor's). */
export async function saveReport(outDir: string, id: string, report: Report): Promise<void> {
  await writeReport(report, outDir, { slug: id, showHidden: true });
}

export async function saveResult(outDir: string, stored: StoredResult): Promise<void> {
  await writeFileAtomic(
    path.join(studentDir(outDir, stored.row.id), RESULT),
    `${JSON.stringify(stored, null, 2)}\n`,
  );
}

export async function readResult(outDir: string, id: string): Promise<StoredResult | undefined> {
  const parsed = await readJson<StoredResult>(path.join(studentDir(outDir, id), RESULT));
  return parsed?.version === 1 && parsed.row?.id === id ? parsed : undefined;
}

export async function readSimilarityDocs(outDir: string, id: string): Promise<SimilarityDoc[]> {
  return (await readJson<SimilarityDoc[]>(path.join(studentDir(outDir, id), SIMILARITY))) ?? [];
}

export async function readReport(outDir: string, id: string): Promise<Report | undefined> {
  return readJson<Report>(path.join(studentDir(outDir, id), REPORT));
}

/** sha256 of one file of a student's folder, as stored (undefined when it cannot be read). */
export async function studentFileDigest(
  outDir: string,
  id: string,
  name: string,
): Promise<string | undefined> {
  try {
    return sha256(await readFile(path.join(studentDir(outDir, id), name)));
  } catch {
    return undefined;
  }
}

export async function saveManifest(outDir: string, manifest: BatchManifest): Promise<void> {
  await writeFileAtomic(path.join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readManifest(outDir: string): Promise<BatchManifest | undefined> {
  const parsed = await readJson<BatchManifest>(path.join(outDir, MANIFEST));
  return parsed?.version === 1 ? parsed : undefined;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}
