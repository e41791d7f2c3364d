import { readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PROCESS_DIR_PREFIXES } from "../submission/clone-dir.js";
import { cacheLock } from "./cache-lock.js";
import { removeUntagged } from "./cleanup.js";
import { connectEngine, type Engine } from "./engine.js";
import {
  cloneDirPid,
  type GcPolicy,
  type RunState,
  runOwners,
  sessionDirRun,
  shouldRemove,
  UNOWNED_MAX_AGE_MS,
} from "./gc-plan.js";
import { LABEL, TEMP_PREFIX } from "./labels.js";
import { isProcessAlive, type Lease, ownerFromLabels, ownerState, readLeases, removeLease } from "./lease.js";
import { removeCommittedImages } from "./orphan-images.js";
import {
  createdAt,
  type LabelledResources,
  listLabelled,
  type RemovalCounts,
  removeLabelled,
} from "./resources.js";

export interface GcOptions extends Partial<GcPolicy> {
  /** Default: the process's engine. */
  engine?: Engine;
  now?: () => number;
}

export interface GcCounts extends RemovalCounts {
  tempDirs: number;
}

/**
 * Removes what crashed or killed runs left: containers, images, volumes and networks labelled
 * `dockgrade.run`, the unlabelled images their cut builds committed, and their temporary folders. A run
 * whose process is alive is never touched (unless named with `runId`); a dead run's objects go at once;
 * objects whose owner cannot be known (another machine's, or older versions') only after
 * `unownedOlderThanMs` (default a day). Objects of users and other tools carry no label and are never listed.
 */
export async function collectGarbage(options: GcOptions = {}): Promise<GcCounts> {
  const engine = options.engine ?? (await connectEngine());
  const now = (options.now ?? Date.now)();
  const policy: GcPolicy = { unownedOlderThanMs: UNOWNED_MAX_AGE_MS, ...options };
  const leases = await readLeases();
  const listed = await listLabelled(engine, options.runId);
  const all = [...listed.containers, ...listed.networks, ...listed.volumes, ...listed.images];
  const owners = runOwners(
    leases,
    all.map((o) => ({ runId: o.Labels?.[LABEL.run] ?? "", owner: ownerFromLabels(o.Labels) })),
  );
  const states = new Map<string, RunState>();
  const state = (runId: string): RunState => {
    let known = states.get(runId);
    if (!known) {
      const owner = owners.get(runId);
      known = owner ? ownerState(owner) : "unknown";
      states.set(runId, known);
    }
    return known;
  };
  const goes = (labels: Record<string, string> | null | undefined, created?: number | string) => {
    const runId = labels?.[LABEL.run] ?? "";
    const age = now - createdAt(labels, created);
    return shouldRemove(state(runId), age, policy, runId === options.runId);
  };
  const doomed: LabelledResources = {
    containers: listed.containers.filter((c) => goes(c.Labels, c.Created)),
    images: listed.images.filter((i) => goes(i.Labels, i.Created)),
    volumes: listed.volumes.filter((v) => goes(v.Labels, (v as { CreatedAt?: string }).CreatedAt)),
    networks: listed.networks.filter((n) => goes(n.Labels, n.Created)),
  };
  // A run whose lease here names the layers its build made (removed below, with the lease): its image goes
  // without its parents, which may be another run's cache. Otherwise its parents are pruned with it.
  const leased = (image: { Labels?: Record<string, string> | null }) =>
    (leases.get(image.Labels?.[LABEL.run] ?? "")?.buildImages ?? []).length > 0;
  const counts = await removeLabelled(engine, {
    ...doomed,
    images: doomed.images.filter((image) => !leased(image)),
  });
  const kept = await removeLabelled(
    engine,
    { containers: [], volumes: [], networks: [], images: doomed.images.filter(leased) },
    { keepParents: true },
  );
  counts.images += kept.images;
  counts.errors.push(...kept.errors);
  const over = [...leases.values()].filter(
    (lease) =>
      (options.runId === undefined || lease.runId === options.runId) &&
      shouldRemove(
        state(lease.runId),
        now - Date.parse(lease.started),
        policy,
        lease.runId === options.runId,
      ),
  );
  counts.images += await removeBuildLeftovers(engine, over);
  const tempDirs = (await removeSessionDirs(state, now, policy)) + (await removeDeadClones(options.runId));
  if (counts.errors.length === 0) await Promise.all(over.map((lease) => removeLease(lease.runId)));
  return { ...counts, tempDirs };
}

/**
 * Whether runs killed on this machine left something for `collectGarbage({ deadOnly: true })`: a lease of
 * a dead run (its objects, session folders, build leftovers) or a clone folder of a dead process. Reads the
 * lease folder and lists the temporary folder; asks the engine nothing. Objects of a run killed before its
 * lease was written are only found by a full collection (at the next probe, or `dockgrade gc`).
 */
export async function deadRunsLeft(): Promise<boolean> {
  for (const lease of (await readLeases()).values()) if (ownerState(lease) === "dead") return true;
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  return names.some(isDeadProcessDir);
}

/** Whether `name` is a clone or OCR folder (`<prefix><pid>-*`) of a process that no longer runs. */
function isDeadProcessDir(name: string): boolean {
  const prefix = PROCESS_DIR_PREFIXES.find((p) => name.startsWith(p));
  if (prefix === undefined) return false;
  const pid = cloneDirPid(name, prefix);
  return pid === undefined || !isProcessAlive(pid);
}

/**
 * What the builds of dead runs left without a label: their step containers, the images committed from them
 * after a cut, and the intermediate images their build logs named (a session's own build, or the layers a
 * class was keeping: kept-layers.ts). Images go newest first, unforced and without pruning, so the engine
 * keeps whatever another image is built on or a container uses (another live run's cache).
 */
async function removeBuildLeftovers(engine: Engine, leases: readonly Lease[]): Promise<number> {
  const containers = leases.flatMap((lease) => lease.buildContainers);
  await Promise.all(
    containers.map((id) =>
      engine
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  const committed = await removeCommittedImages(engine, containers);
  const images = leases.flatMap((lease) => lease.buildImages ?? []);
  if (images.length === 0) return committed.length;
  const built = await cacheLock.remove(() => removeUntagged(engine, images));
  return committed.length + built.removed.length;
}

/** Session folders (`dockgrade-session-<runId>-*`) of runs gc removes, by the same rule as their objects. */
async function removeSessionDirs(
  state: (runId: string) => RunState,
  now: number,
  policy: GcPolicy,
): Promise<number> {
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX))) {
    const runId = sessionDirRun(name, TEMP_PREFIX);
    if (!runId || (policy.runId !== undefined && runId !== policy.runId)) continue;
    const dir = path.join(os.tmpdir(), name);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    if (!shouldRemove(state(runId), now - info.mtimeMs, policy, runId === policy.runId)) continue;
    await rm(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/**
 * Clone and OCR folders (`dockgrade-clone-<pid>-*`, `dockgrade-ocr-<pid>-*`) of processes that no longer
 * run: a batch killed with SIGKILL leaves its clones, a check killed while tesseract reads its screenshots
 * their copies; a folder of a run still going on (its process alive) is never touched.
 */
async function removeDeadClones(runId: string | undefined): Promise<number> {
  if (runId !== undefined) return 0;
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter(isDeadProcessDir)) {
    await rm(path.join(os.tmpdir(), name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
