import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

/**
 * Bytes used by the files under `dir` (links counted as links, not followed), stopping early once past
 * `stopAbove`. Files that vanish while counting (git's temporary packs) are skipped.
 */
export async function folderBytes(dir: string, stopAbove = Number.POSITIVE_INFINITY): Promise<number> {
  let total = 0;
  const pending = [dir];
  while (pending.length > 0 && total <= stopAbove) {
    const current = pending.pop() as string;
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else total += (await lstat(full).catch(() => undefined))?.size ?? 0;
    }
  }
  return total;
}
