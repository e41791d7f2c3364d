import type { Fingerprint } from "./fingerprint.js";

/** A text with its fingerprints, as compared. */
export interface FingerprintedText {
  text: string;
  fingerprints: readonly Fingerprint[];
}

export interface PassageOptions {
  /** Passages returned, the ones with the most shared fingerprints first. */
  max: number;
  /** Lines kept on each side; a longer passage is cut and ends with a `…` line. */
  maxLines: number;
}

/** Lines first..last (inclusive) of a text, and the shared hashes found in them. */
interface Block {
  first: number;
  last: number;
  hashes: Set<number>;
}

/**
 * The passages two texts share, side by side: the shared fingerprints of each text become whole-line
 * blocks (overlapping blocks, or blocks with only blank lines between them, are merged); each block of
 * `a` is paired with the block of `b` holding most of its fingerprints.
 */
export function sharedPassages(
  a: FingerprintedText,
  b: FingerprintedText,
  shared: ReadonlySet<number>,
  options: PassageOptions,
): Array<{ a: string; b: string }> {
  const linesA = a.text.split("\n");
  const linesB = b.text.split("\n");
  const blocksA = blocksOf(a, linesA, shared);
  const blocksB = blocksOf(b, linesB, shared);
  const paired: Array<{ a: Block; b: Block; weight: number }> = [];
  for (const blockA of blocksA) {
    let best: Block | undefined;
    let weight = 0;
    for (const blockB of blocksB) {
      let common = 0;
      for (const h of blockA.hashes) if (blockB.hashes.has(h)) common++;
      if (common > weight) {
        best = blockB;
        weight = common;
      }
    }
    if (best) paired.push({ a: blockA, b: best, weight });
  }
  paired.sort(
    (x, y) => y.weight - x.weight || y.a.last - y.a.first - (x.a.last - x.a.first) || x.a.first - y.a.first,
  );
  return paired.slice(0, options.max).map((p) => ({
    a: excerpt(linesA, p.a, options.maxLines),
    b: excerpt(linesB, p.b, options.maxLines),
  }));
}

function blocksOf(doc: FingerprintedText, lines: readonly string[], shared: ReadonlySet<number>): Block[] {
  const lineStarts = [0];
  for (let i = 0; i < doc.text.length; i++) if (doc.text[i] === "\n") lineStarts.push(i + 1);
  const spans = doc.fingerprints
    .filter((f) => shared.has(f.hash))
    .map((f) => ({
      first: lineOf(lineStarts, f.start),
      last: lineOf(lineStarts, Math.max(f.start, f.end - 1)),
      hash: f.hash,
    }))
    .sort((x, y) => x.first - y.first || x.last - y.last);
  const blocks: Block[] = [];
  for (const span of spans) {
    const current = blocks[blocks.length - 1];
    if (current && touches(lines, current.last, span.first)) {
      current.last = Math.max(current.last, span.last);
      current.hashes.add(span.hash);
    } else blocks.push({ first: span.first, last: span.last, hashes: new Set([span.hash]) });
  }
  return blocks;
}

/** True when a block ending at line `last` and one starting at `first` overlap or only blank lines part them. */
function touches(lines: readonly string[], last: number, first: number): boolean {
  for (let i = last + 1; i < first; i++) if ((lines[i] ?? "").trim() !== "") return false;
  return true;
}

/** Index of the line holding character `offset` (binary search over line start offsets). */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function excerpt(lines: readonly string[], block: Block, maxLines: number): string {
  const count = block.last - block.first + 1;
  const kept = lines
    .slice(block.first, block.first + Math.min(count, maxLines))
    .map((l) => l.replace(/\r$/, ""));
  if (count > maxLines) kept.push("…");
  return kept.join("\n");
}
