import type { ImageInspectInfo } from "dockerode";
import { cacheLock } from "./cache-lock.js";
import { removeUntagged } from "./cleanup.js";
import type { Engine } from "./engine.js";

/**
 * Untagged images a cut build committed after its cleanup: the classic builder labels only the final
 * image, so these carry no `dockgrade.run`. They are known by where they come from: committed from one of
 * the build's own step containers (ids as the log printed them, 12 characters or more). Nothing else is
 * taken, not even an untagged image built on one of them: while a class keeps its layers, that can be
 * another run's cache (and a build of this run would have committed it from a step container of its own).
 * Removed newest first, unforced and without pruning: an image something else uses or is built on is kept.
 * Dangling images are listed again after each round, so a chain of such images goes child first.
 */
export async function removeCommittedImages(
  engine: Engine,
  stepContainers: readonly string[],
): Promise<string[]> {
  if (stepContainers.length === 0) return [];
  const removed: string[] = [];
  const tried = new Set<string>();
  for (;;) {
    const dangling = await engine.listImages({ all: true, filters: { dangling: ["true"] } });
    const infos = (
      await Promise.all(
        dangling
          .filter((image) => !tried.has(image.Id))
          .map((image) =>
            engine
              .getImage(image.Id)
              .inspect()
              .catch(() => undefined),
          ),
      )
    ).filter((info): info is ImageInspectInfo => info !== undefined);
    const picked = pickCommitted(infos, stepContainers);
    if (picked.length === 0) return removed;
    for (const id of picked) tried.add(id);
    const round = await cacheLock.remove(() => removeUntagged(engine, picked));
    removed.push(...round.removed);
  }
}

/** Pure: the untagged images committed from those step containers (never their children). */
export function pickCommitted(
  images: ReadonlyArray<Pick<ImageInspectInfo, "Id" | "Container" | "RepoTags">>,
  stepContainers: readonly string[],
): string[] {
  const bare = (id: string) => id.replace(/^sha256:/, "");
  const known = stepContainers.filter((k) => k.length >= 12).map(bare);
  const committed = (id: string | undefined) =>
    Boolean(id) && known.some((k) => bare(id as string).startsWith(k));
  return images
    .filter((image) => !(image.RepoTags ?? []).some((tag) => tag !== "<none>:<none>"))
    .filter((image) => committed(image.Container))
    .map((image) => image.Id);
}
