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
 * `a` is paired with the block of `b` holding most of its fingerprints, then both sides grow over the
 * neighbouring blocks that share fingerprints with the other side. Most shared fingerprints first.
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
  const paired: Array<{ a: Span; b: Span; weight: number }> = [];
  const used = new Set<number>();
  for (const [start, blockA] of blocksA.entries()) {
    if (used.has(start)) continue;
    const best = bestMatch(blockA.hashes, blocksB);
    if (best < 0) continue;
    const a = { lo: start, hi: start };
    const b = { lo: best, hi: best };
    // Grow both sides over neighbouring blocks that share fingerprints with the other side (a heading or a
    // sentence present on one side only splits what is one passage on the other).
    let grown = true;
    while (grown)
      grown = grow(a, blocksA, hashesOf(blocksB, b), used) || grow(b, blocksB, hashesOf(blocksA, a));
    for (let i = a.lo; i <= a.hi; i++) used.add(i);
    let weight = 0;
    const inB = hashesOf(blocksB, b);
    for (const h of hashesOf(blocksA, a)) if (inB.has(h)) weight++;
    paired.push({ a, b, weight });
  }
  paired.sort((x, y) => y.weight - x.weight || x.a.lo - y.a.lo);
  return paired.slice(0, options.max).map((p) => ({
    a: excerpt(linesA, blocksA, p.a, options.maxLines),
    b: excerpt(linesB, blocksB, p.b, options.maxLines),
  }));
}

/** A run of consecutive blocks, lo..hi inclusive. */
interface Span {
  lo: number;
  hi: number;
}

/** Index of the block holding most of `hashes` (the first on ties), -1 when none holds any. */
function bestMatch(hashes: ReadonlySet<number>, blocks: readonly Block[]): number {
  let best = -1;
  let weight = 0;
  for (const [i, block] of blocks.entries()) {
    let common = 0;
    for (const h of hashes) if (block.hashes.has(h)) common++;
    if (common > weight) {
      best = i;
      weight = common;
    }
  }
  return best;
}

function hashesOf(blocks: readonly Block[], span: Span): Set<number> {
  const out = new Set<number>();
  for (const block of blocks.slice(span.lo, span.hi + 1)) for (const h of block.hashes) out.add(h);
  return out;
}

/** Extends `span` by one block on either side that shares a hash with `other`; true when it grew. */
function grow(
  span: Span,
  blocks: readonly Block[],
  other: ReadonlySet<number>,
  used?: ReadonlySet<number>,
): boolean {
  const shares = (i: number) => !used?.has(i) && [...(blocks[i]?.hashes ?? [])].some((h) => other.has(h));
  if (span.lo > 0 && shares(span.lo - 1)) {
    span.lo--;
    return true;
  }
  if (span.hi < blocks.length - 1 && shares(span.hi + 1)) {
    span.hi++;
    return true;
  }
  return false;
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

function excerpt(lines: readonly string[], blocks: readonly Block[], span: Span, maxLines: number): string {
  const first = blocks[span.lo]?.first ?? 0;
  const count = (blocks[span.hi]?.last ?? first) - first + 1;
  const kept = lines.slice(first, first + Math.min(count, maxLines)).map((l) => l.replace(/\r$/, ""));
  if (count > maxLines) kept.push("…");
  return kept.join("\n");
}
