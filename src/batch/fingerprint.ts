import { withBoundNamesHidden } from "./python-names.js";
import { codeTokens, proseTokens, type Token } from "./tokens.js";
import type { SimilarityKind } from "./types.js";

/** One winnowed k-gram: its hash and the characters of the original text it covers. */
export interface Fingerprint {
  /** A 52-bit hash of the k-gram's tokens (a safe integer, usable as a Map key). */
  hash: number;
  start: number;
  end: number;
}

export interface WinnowParams {
  /** Tokens per k-gram: shorter shared runs are noise. */
  k: number;
  /** Window of consecutive k-gram hashes; any shared run of k + w - 1 tokens yields a shared fingerprint. */
  w: number;
}

/** Per kind: prose shares many short phrases ("l'image est"), so its k-grams are longer than code's. */
export const WINNOW_PARAMS: Record<SimilarityKind, WinnowParams> = {
  readme: { k: 8, w: 4 },
  dockerfile: { k: 6, w: 4 },
  app: { k: 6, w: 4 },
};

/** The canonical tokens of a text of the given kind. */
export function tokensOf(kind: SimilarityKind, text: string): Token[] {
  if (kind === "readme") return proseTokens(text);
  if (kind === "dockerfile") return codeTokens(text, "dockerfile");
  return withBoundNamesHidden(codeTokens(text, "python"));
}

/** The fingerprints of a text of the given kind (tokens, k-gram hashes, winnowing). */
export function fingerprintText(kind: SimilarityKind, text: string): Fingerprint[] {
  return winnow(tokensOf(kind, text), WINNOW_PARAMS[kind]);
}

/** FNV-1a, 32 bits, over the UTF-16 code units of a token. */
export function tokenHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Hashes of every k-gram of tokens: two independent 32-bit mixes folded into 52 bits. */
export function kgramHashes(tokenHashes: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + k <= tokenHashes.length; i++) {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let j = i; j < i + k; j++) {
      const t = tokenHashes[j] ?? 0;
      h1 = Math.imul(h1 ^ t, 0x01000193);
      h2 = Math.imul(h2 ^ t, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    out.push((h1 >>> 12) * 0x100000000 + (h2 >>> 0));
  }
  return out;
}

/**
 * Winnowing (Schleimer, Wilkerson, Aiken 2003): in every window of `w` consecutive k-gram hashes keep the
 * smallest, the rightmost one on ties, and record it once per position. A text shorter than one window
 * keeps its single smallest hash; one shorter than `k` tokens has no fingerprint.
 */
export function winnow(tokens: readonly Token[], { k, w }: WinnowParams): Fingerprint[] {
  const hashes = kgramHashes(
    tokens.map((t) => tokenHash(t.text)),
    k,
  );
  const out: Fingerprint[] = [];
  for (const i of winnowPositions(hashes, w)) {
    const first = tokens[i];
    const last = tokens[i + k - 1];
    const hash = hashes[i];
    if (first && last && hash !== undefined) out.push({ hash, start: first.start, end: last.end });
  }
  return out;
}

/** Positions picked by winnowing `hashes` with window `w` (in increasing order, each once). */
export function winnowPositions(hashes: readonly number[], w: number): number[] {
  const picks: number[] = [];
  const windows = Math.max(1, hashes.length - w + 1);
  for (let s = 0; s < windows && hashes.length > 0; s++) {
    let min = s;
    for (let i = s + 1; i < Math.min(s + w, hashes.length); i++)
      if ((hashes[i] ?? 0) <= (hashes[min] ?? 0)) min = i;
    if (picks[picks.length - 1] !== min) picks.push(min);
  }
  return picks;
}
