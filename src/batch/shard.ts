/** One slice of a class: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** `I/N` with 1 ≤ I ≤ N, or undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count || count > 10_000) return undefined;
  return { index, count };
}

/**
 * The entries shard I/N grades: every N-th entry in roster order, starting at the I-th. Deterministic (it
 * depends only on the roster), balanced (slices differ by one at most), and the shards cover the class
 * exactly once.
 */
export function selectShard<T>(entries: T[], shard: Shard | undefined): T[] {
  if (!shard) return entries;
  return entries.filter((_, position) => position % shard.count === shard.index - 1);
}
