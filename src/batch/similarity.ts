import { type Fingerprint, fingerprintText } from "./fingerprint.js";
import { sharedPassages } from "./passages.js";
import type { SimilarityDoc, SimilarityKind, SimilarityPair } from "./types.js";

export interface SimilarityOptions {
  /** Starter code given to everyone: its fingerprints never count, in any doc of the same kind. */
  base?: SimilarityDoc[];
  /** Published texts a student may have copied; each pair found has `reference: true`. */
  references?: SimilarityDoc[];
  /** Smallest score reported, 0..1 (default 0.5). */
  threshold?: number;
  /** Fewest shared fingerprints for a pair to be reported, so two tiny texts never match (default 8). */
  minShared?: number;
  /** Passages returned per pair (default 3). */
  maxPassages?: number;
  /**
   * A fingerprint found in the docs of more students than this is common knowledge (the course's own
   * example, the one obvious way to write a line) and never counts, like starter code (MOSS's `-m`).
   * Default: 10, or a fifth of the students with a doc of that kind when more.
   */
  maxOwners?: number;
}

export const SIMILARITY_DEFAULTS = { threshold: 0.5, minShared: 8, maxPassages: 3, passageLines: 12 };

const KINDS: readonly SimilarityKind[] = ["readme", "dockerfile", "app"];

interface Prepared {
  doc: SimilarityDoc;
  fingerprints: Fingerprint[];
  hashes: Set<number>;
  /** Position among the students of its kind (-1 for a reference). */
  id: number;
}

/**
 * Pairs of texts of the same kind, by different students (or a student and a reference), that share most
 * of their fingerprints. The score is the Jaccard index of the two fingerprint sets (shared / either):
 * it is symmetric, and a short text found inside a much longer one is not called a copy of it; a text
 * copied whole scores 1. Starter code (`base`) and fingerprints common to many students (`maxOwners`) are
 * removed from both sets first. Students are compared through an inverted index (fingerprint -> docs), so only
 * docs sharing something are ever paired. Most similar first, then by a, b, kind.
 */
export function findSimilarPairs(docs: SimilarityDoc[], options: SimilarityOptions = {}): SimilarityPair[] {
  const threshold = options.threshold ?? SIMILARITY_DEFAULTS.threshold;
  const minShared = options.minShared ?? SIMILARITY_DEFAULTS.minShared;
  const maxPassages = options.maxPassages ?? SIMILARITY_DEFAULTS.maxPassages;
  const found = new Map<string, SimilarityPair>();
  for (const kind of KINDS) {
    const ofKind = (list: SimilarityDoc[] | undefined) => (list ?? []).filter((d) => d.kind === kind);
    const base = new Set<number>();
    for (const doc of ofKind(options.base)) for (const f of fingerprintText(kind, doc.text)) base.add(f.hash);
    const students = ofKind(docs).map((doc, id) => prepare(doc, base, id));
    const owners = new Set(students.map((s) => s.doc.owner)).size;
    const common = commonHashes(students, options.maxOwners ?? Math.max(10, Math.ceil(owners / 5)));
    for (const s of students) for (const h of common) s.hashes.delete(h);
    const index = invertedIndex(students);
    const report = (x: Prepared, y: Prepared, shared: number, reference: boolean) => {
      const score = shared / (x.hashes.size + y.hashes.size - shared);
      if (shared < minShared || score < threshold) return;
      const [a, b] = reference || x.doc.owner < y.doc.owner ? [x, y] : [y, x];
      const key = JSON.stringify([a.doc.owner, b.doc.owner, kind]);
      const previous = found.get(key);
      if (previous && previous.score >= round(score)) return;
      const sharedHashes = new Set([...a.hashes].filter((h) => b.hashes.has(h)));
      const passages = sharedPassages(
        { text: a.doc.text, fingerprints: a.fingerprints },
        { text: b.doc.text, fingerprints: b.fingerprints },
        sharedHashes,
        {
          max: maxPassages,
          maxLines: SIMILARITY_DEFAULTS.passageLines,
        },
      );
      found.set(key, { a: a.doc.owner, b: b.doc.owner, kind, score: round(score), reference, passages });
    };
    for (const { x, y, shared } of studentPairCounts(students, index)) report(x, y, shared, false);
    for (const refDoc of ofKind(options.references)) {
      const ref = prepare(refDoc, base, -1);
      for (const h of common) ref.hashes.delete(h);
      const counts = new Map<Prepared, number>();
      for (const h of ref.hashes) for (const s of index.get(h) ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
      for (const [s, shared] of counts) report(s, ref, shared, true);
    }
  }
  return [...found.values()].sort(
    (x, y) =>
      y.score - x.score ||
      compare(x.a, y.a) ||
      compare(x.b, y.b) ||
      KINDS.indexOf(x.kind) - KINDS.indexOf(y.kind),
  );
}

function prepare(doc: SimilarityDoc, base: ReadonlySet<number>, id: number): Prepared {
  const all = fingerprintText(doc.kind, doc.text);
  const fingerprints = all.filter((f) => !base.has(f.hash));
  return { doc, fingerprints, hashes: new Set(fingerprints.map((f) => f.hash)), id };
}

/** Hashes found in the docs of more than `limit` different owners. */
function commonHashes(students: readonly Prepared[], limit: number): Set<number> {
  const ownersOf = new Map<number, Set<string>>();
  for (const s of students) {
    for (const h of s.hashes) {
      const owners = ownersOf.get(h);
      if (owners) owners.add(s.doc.owner);
      else ownersOf.set(h, new Set([s.doc.owner]));
    }
  }
  return new Set([...ownersOf].filter(([, owners]) => owners.size > limit).map(([h]) => h));
}

/** Fingerprint hash -> the docs holding it. */
function invertedIndex(students: readonly Prepared[]): Map<number, Prepared[]> {
  const index = new Map<number, Prepared[]>();
  for (const s of students) {
    for (const h of s.hashes) {
      const list = index.get(h);
      if (list) list.push(s);
      else index.set(h, [s]);
    }
  }
  return index;
}

/** Shared fingerprints per pair of docs of different owners (each pair once). */
function studentPairCounts(
  students: readonly Prepared[],
  index: Map<number, Prepared[]>,
): Iterable<{ x: Prepared; y: Prepared; shared: number }> {
  const counts = new Map<number, { x: Prepared; y: Prepared; shared: number }>();
  for (const docs of index.values()) {
    for (const [n, x] of docs.entries()) {
      for (const y of docs.slice(n + 1)) {
        if (x.doc.owner === y.doc.owner) continue;
        const key = x.id * students.length + y.id;
        const entry = counts.get(key);
        if (entry) entry.shared++;
        else counts.set(key, { x, y, shared: 1 });
      }
    }
  }
  return counts.values();
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
