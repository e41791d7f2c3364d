import type { ImageInspectInfo } from "dockerode";
import { cacheLock } from "./cache-lock.js";
import { type Engine, removeQuietly } from "./engine.js";

/**
 * Untagged images a cut build committed after its cleanup: the classic builder labels only the final
 * image, so these carry no `dockgrade.run`. They are known by where they come from: committed from one
 * of the build's step containers (ids as the log printed them, 12 characters or more), or built on such
 * an image. Removed child first, unforced: an image something else uses is kept.
 */
export async function removeCommittedImages(
  engine: Engine,
  stepContainers: readonly string[],
): Promise<string[]> {
  if (stepContainers.length === 0) return [];
  const dangling = await engine.listImages({ all: true, filters: { dangling: ["true"] } });
  const infos = (
    await Promise.all(
      dangling.map((image) =>
        engine
          .getImage(image.Id)
          .inspect()
          .catch(() => undefined),
      ),
    )
  ).filter((info): info is ImageInspectInfo => info !== undefined);
  const picked = pickCommitted(infos, stepContainers);
  const removed: string[] = [];
  await cacheLock.remove(async () => {
    for (const id of picked.reverse()) {
      const outcome = await removeQuietly(() => engine.getImage(id).remove({ noprune: true }));
      if (outcome === "removed") removed.push(id);
    }
  });
  return removed;
}

/** Pure: the untagged images (oldest first) committed from those containers, and their untagged children. */
export function pickCommitted(
  images: ReadonlyArray<Pick<ImageInspectInfo, "Id" | "Parent" | "Container" | "RepoTags">>,
  stepContainers: readonly string[],
): string[] {
  const bare = (id: string) => id.replace(/^sha256:/, "");
  const matches = (id: string | undefined, known: Iterable<string>) => {
    if (!id) return false;
    for (const k of known) if (k.length >= 12 && bare(id).startsWith(bare(k))) return true;
    return false;
  };
  const parents = new Set<string>();
  const picked: string[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const image of images) {
      if (picked.includes(image.Id)) continue;
      if ((image.RepoTags ?? []).some((tag) => tag !== "<none>:<none>")) continue;
      if (matches(image.Container, stepContainers) || matches(image.Parent, parents)) {
        picked.push(image.Id);
        parents.add(image.Id);
        grew = true;
      }
    }
  }
  return picked;
}
