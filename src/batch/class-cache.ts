import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../report/atomic-write.js";
import type { SimilarityDoc, SimilarityPair } from "./types.js";

/**
 * What the last finalisation of a class folder computed that is costly to compute again: the similarity
 * pairs (fingerprinting every text of the class) and which reports already carry their similar findings.
 * Kept in the output folder beside batch.json; a missing, unreadable or foreign file only means
 * everything is computed again.
 */
export interface ClassCache {
  version: 1;
  /** Digest of what the pairs were computed from (see similarityKey). */
  similarityKey: string;
  pairs: SimilarityPair[];
  /** Student id → sha256 of their report.json as finalisation left it (similar findings in place). */
  reports: Record<string, string>;
}

export const CLASS_CACHE = "class-cache.json";

/** One graded student's part of the similarity input: their id and the digest of their similarity.json. */
export interface DocsDigest {
  id: string;
  digest: string;
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Everything the similarity pairs depend on: each graded student's texts (by the digest of the file they
 * are stored in, in class order), the starter code and published references compared with, the tool
 * version (the algorithm and its thresholds).
 */
export function similarityKey(input: {
  docs: DocsDigest[];
  baseDocs?: SimilarityDoc[];
  referenceDocs?: SimilarityDoc[];
  toolVersion: string;
}): string {
  return sha256(
    JSON.stringify([
      input.toolVersion,
      input.docs.map((d) => [d.id, d.digest]),
      sha256(JSON.stringify(input.baseDocs ?? [])),
      sha256(JSON.stringify(input.referenceDocs ?? [])),
    ]),
  );
}

export interface ReusePlan {
  /** The pairs of the last run, when their input is unchanged; undefined: compute them again. */
  pairs?: SimilarityPair[];
  /** Graded students whose report must be read and given its similar findings (again). */
  flag: string[];
}

/**
 * What finalisation can take from the last run. The pairs are reused when their input digest is the same;
 * a report is left unread when the pairs are reused and it is byte for byte the report the last run
 * left (a report graded again, or edited, or restored from elsewhere, is flagged again). Pure.
 */
export function reusePlan(
  previous: ClassCache | undefined,
  current: { similarityKey: string; reports: ReadonlyArray<{ id: string; digest?: string }> },
): ReusePlan {
  const same = previous !== undefined && previous.similarityKey === current.similarityKey;
  const flag = current.reports
    .filter((r) => r.digest !== undefined && !(same && previous.reports[r.id] === r.digest))
    .map((r) => r.id);
  return same ? { pairs: previous.pairs, flag } : { flag };
}

export async function readClassCache(outDir: string): Promise<ClassCache | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, CLASS_CACHE), "utf8")) as ClassCache;
    const valid =
      parsed?.version === 1 &&
      typeof parsed.similarityKey === "string" &&
      Array.isArray(parsed.pairs) &&
      typeof parsed.reports === "object" &&
      parsed.reports !== null;
    return valid ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export async function saveClassCache(outDir: string, cache: ClassCache): Promise<void> {
  await writeFileAtomic(path.join(outDir, CLASS_CACHE), `${JSON.stringify(cache)}\n`);
}
