import type { ImageInspectInfo } from "dockerode";
import { cacheLock } from "./cache-lock.js";
import type { Engine } from "./engine.js";
import { engineStatus, removeQuietly } from "./engine.js";

/**
 * Removes the untagged intermediate images a failed or cut build made, newest first. Each removal is
 * unforced and without pruning, so the engine itself refuses an image another image is built on or a
 * container uses (another submission's build sharing the cache keeps it); tagged images are never touched.
 */
export async function removeIntermediates(engine: Engine, imageIds: readonly string[]): Promise<string[]> {
  return (await cacheLock.remove(() => removeUntagged(engine, imageIds))).removed;
}

/**
 * The same removal for image ids gathered from several builds (kept layers, dead runs' leases), whose
 * order says nothing of which is built on which: newest first by creation time (a child is always newer
 * than its parent), and again while a pass removed something (a parent freed by a child removed after it).
 * Unforced, without pruning; tagged or missing images are left alone. `left`: the untagged ones the engine
 * refused (in use). The caller holds the cache lock.
 */
export async function removeUntagged(
  engine: Engine,
  imageIds: readonly string[],
): Promise<{ removed: string[]; left: string[] }> {
  const removed: string[] = [];
  let left = [...new Set(imageIds)];
  while (left.length > 0) {
    const unknown: string[] = [];
    const infos = (
      await Promise.all(
        left.map((id) =>
          engine
            .getImage(id)
            .inspect()
            .then((info) => ({ id, info }))
            .catch((error: unknown) => {
              // Gone is gone; an engine that does not answer may still hold it.
              if (engineStatus(error) !== 404) unknown.push(id);
              return undefined;
            }),
        ),
      )
    ).filter((found): found is { id: string; info: ImageInspectInfo } => found !== undefined);
    const candidates = infos
      .filter(({ info }) => !(info.RepoTags ?? []).some((tag) => tag !== "<none>:<none>"))
      .map((found, index) => ({ ...found, index }))
      // Newest first; equal times (one second apart at worst on old engines) in reverse of the given order.
      .sort((a, b) => Date.parse(b.info.Created) - Date.parse(a.info.Created) || b.index - a.index);
    const refused: string[] = [];
    for (const { id } of candidates) {
      const outcome = await removeQuietly(() => engine.getImage(id).remove({ noprune: true }));
      if (outcome === "removed") removed.push(id);
      else if (outcome instanceof Error) refused.push(id);
    }
    left = [...refused, ...unknown];
    if (refused.length === candidates.length) break; // no progress: what is left is in use
  }
  return { removed, left };
}
