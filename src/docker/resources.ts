import type { ContainerInfo, ImageInfo, NetworkInspectInfo, VolumeInspectInfo } from "dockerode";
import { cacheLock } from "./cache-lock.js";
import { type Engine, engineMessage, removeQuietly } from "./engine.js";
import { LABEL, runFilter } from "./labels.js";

/** Engine objects labelled by dockgrade: one run's (`runId`) or every run's. */
export interface LabelledResources {
  containers: ContainerInfo[];
  images: ImageInfo[];
  volumes: VolumeInspectInfo[];
  networks: NetworkInspectInfo[];
}

export interface RemovalCounts {
  containers: number;
  images: number;
  volumes: number;
  networks: number;
  /** What could not be removed, and why. */
  errors: string[];
}

export async function listLabelled(engine: Engine, runId?: string): Promise<LabelledResources> {
  const filters = runFilter(runId);
  const [containers, images, volumes, networks] = await Promise.all([
    engine.listContainers({ all: true, filters }),
    engine.listImages({ filters }),
    engine.listVolumes({ filters }).then((answer) => answer.Volumes ?? []),
    engine.listNetworks({ filters }),
  ]);
  return { containers, images, volumes, networks };
}

/** When an object was created: its `dockgrade.created` label, else what the engine says. */
export function createdAt(
  labels: Record<string, string> | undefined | null,
  engineCreated?: number | string,
): number {
  const label = labels?.[LABEL.created];
  const fromLabel = label ? Date.parse(label) : Number.NaN;
  if (!Number.isNaN(fromLabel)) return fromLabel;
  if (typeof engineCreated === "number") return engineCreated * 1000; // containers and images: seconds
  return engineCreated ? Date.parse(engineCreated) : Date.now();
}

/**
 * Removes the listed objects in dependency order: containers (forced, with anonymous volumes), then
 * the networks, volumes and images they used (forced, so all the harness tags go, and their untagged
 * build parents are pruned by the engine when nothing else uses them). With `keepParents` (a class keeping
 * its layers, see kept-layers.ts) the images go without their parents.
 */
export async function removeLabelled(
  engine: Engine,
  listed: LabelledResources,
  options: { keepParents?: boolean } = {},
): Promise<RemovalCounts> {
  const counts: RemovalCounts = { containers: 0, images: 0, volumes: 0, networks: 0, errors: [] };
  const run = async (
    kind: Exclude<keyof RemovalCounts, "errors">,
    name: string,
    remove: () => Promise<unknown>,
  ) => {
    const outcome = await removeQuietly(remove);
    if (outcome === "removed") counts[kind]++;
    else if (outcome instanceof Error)
      counts.errors.push(`${kind.slice(0, -1)} ${name}: ${engineMessage(outcome)}`);
  };
  await Promise.all(
    listed.containers.map((c) =>
      run("containers", c.Names?.[0] ?? c.Id, () =>
        engine.getContainer(c.Id).remove({ force: true, v: true }),
      ),
    ),
  );
  const removeImages = async () => {
    for (const image of listed.images) {
      await run("images", image.RepoTags?.[0] ?? image.Id, () =>
        engine.getImage(image.Id).remove({ force: true, noprune: Boolean(options.keepParents) }),
      );
    }
  };
  const images = async () => {
    if (listed.images.length === 0) return;
    // Removing an image prunes its untagged parents: wait until no build of this process may be reusing them.
    // Without pruning, only the labelled image itself goes: the harness's own last step (the run's LABEL),
    // which no other build can take from the cache, so no build has to be waited for.
    if (options.keepParents) await removeImages();
    else await cacheLock.remove(removeImages);
  };
  // With the containers gone, nothing ties networks, volumes and images to each other: removed side by side.
  await Promise.all([
    ...listed.networks.map((n) => run("networks", n.Name, () => engine.getNetwork(n.Id).remove())),
    ...listed.volumes.map((v) => run("volumes", v.Name, () => engine.getVolume(v.Name).remove())),
    images(),
  ]);
  return counts;
}
