import { cacheLock } from "./cache-lock.js";
import type { Engine } from "./engine.js";
import { removeQuietly } from "./engine.js";

/**
 * Removes the untagged intermediate images a failed or cut build made, newest first. Each removal is
 * unforced and without pruning, so the engine itself refuses an image another image is built on or a
 * container uses (another submission's build sharing the cache keeps it); tagged images are never touched.
 */
export async function removeIntermediates(engine: Engine, imageIds: readonly string[]): Promise<string[]> {
  return cacheLock.remove(() => removeEach(engine, imageIds));
}

async function removeEach(engine: Engine, imageIds: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const id of [...imageIds].reverse()) {
    const image = engine.getImage(id);
    const info = await image.inspect().catch(() => undefined);
    if (!info) continue;
    const tagged = (info.RepoTags ?? []).some((tag) => tag !== "<none>:<none>");
    if (tagged) continue;
    const outcome = await removeQuietly(() => image.remove({ noprune: true }));
    if (outcome === "removed") removed.push(id);
  }
  return removed;
}
