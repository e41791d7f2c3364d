import { readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { connectEngine, type Engine } from "./engine.js";
import { CLONE_PREFIX, TEMP_PREFIX } from "./labels.js";
import {
  createdAt,
  type LabelledResources,
  listLabelled,
  type RemovalCounts,
  removeLabelled,
} from "./resources.js";

export interface GcOptions {
  /** Only objects created at least this long ago (so a run still going on is left alone). Default 0. */
  olderThanMs?: number;
  /** Only the objects of this run. */
  runId?: string;
  /** Default: the process's engine. */
  engine?: Engine;
  now?: () => number;
}

export interface GcCounts extends RemovalCounts {
  tempDirs: number;
}

/**
 * Removes what crashed or interrupted runs left: containers, images, volumes and networks labelled
 * `dockgrade.run` (and the runs' temporary folders). Objects of users and of other tools carry no such
 * label and are never listed. Intermediate images of a build cut by a crash carry no label either; the
 * engine's own `docker image prune` removes those.
 */
export async function collectGarbage(options: GcOptions = {}): Promise<GcCounts> {
  const engine = options.engine ?? (await connectEngine());
  const cutoff = (options.now ?? Date.now)() - (options.olderThanMs ?? 0);
  const listed = await listLabelled(engine, options.runId);
  const old: LabelledResources = {
    containers: listed.containers.filter((c) => createdAt(c.Labels, c.Created) <= cutoff),
    images: listed.images.filter((i) => createdAt(i.Labels, i.Created) <= cutoff),
    volumes: listed.volumes.filter(
      (v) => createdAt(v.Labels, (v as { CreatedAt?: string }).CreatedAt) <= cutoff,
    ),
    networks: listed.networks.filter((n) => createdAt(n.Labels, n.Created) <= cutoff),
  };
  const counts = await removeLabelled(engine, old);
  const tempDirs = (await removeTempDirs(options.runId, cutoff)) + (await removeDeadClones());
  return { ...counts, tempDirs };
}

/**
 * Clone folders (`dockgrade-clone-<pid>-*`) of processes that no longer run: a batch killed with SIGKILL
 * leaves its clones; a clone of a run still going on (its process alive) is never touched.
 */
async function removeDeadClones(): Promise<number> {
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(CLONE_PREFIX)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(CLONE_PREFIX.length))?.[1]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
    await rm(path.join(os.tmpdir(), name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Temporary folders of sessions (`dockgrade-session-<runId>-*` in the system temp folder) older than the cutoff. */
async function removeTempDirs(runId: string | undefined, cutoff: number): Promise<number> {
  const prefix = `${TEMP_PREFIX}${runId ? `${runId}-` : ""}`;
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const dir = path.join(os.tmpdir(), name);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory() || info.mtimeMs > cutoff) continue;
    await rm(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
