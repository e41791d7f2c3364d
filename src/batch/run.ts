import pLimit from "p-limit";
import type { DockerBackend } from "../docker/backend.js";
import type { DockerAvailability } from "../docker/session.js";
import type { GraderRegistry } from "../grader/contract.js";
import type { Lang } from "../i18n/text.js";
import { toolVersion } from "../package-info.js";
import type { Rubric } from "../rubric/types.js";
import { finalizeClass } from "./finalize.js";
import { type CloneSettings, gradeEntry } from "./grade-entry.js";
import { type ClassList, InputError } from "./inputs.js";
import { defaultContainerSlots, defaultDockerJobs } from "./jobs.js";
import { buildManifest } from "./manifest.js";
import { batchText } from "./messages.js";
import type { BatchProgress } from "./progress.js";
import { type Shard, selectShard } from "./shard.js";
import { saveManifest } from "./store.js";
import type { ClassSummary, SimilarityDoc } from "./types.js";

export { defaultContainerSlots, defaultDockerJobs, defaultJobs } from "./jobs.js";

export interface BatchOptions {
  list: ClassList;
  rubric: Rubric;
  registry: GraderRegistry;
  lang: Lang;
  outDir: string;
  /** Submissions in flight (cloning, reading, waiting to grade). */
  jobs: number;
  /** Submissions graded at once on the engine; default: what the machine's cores can keep busy. */
  dockerJobs?: number;
  /** Docker checks in flight across the class (builds, containers); default: twice the cores. */
  containerSlots?: number;
  shard?: Shard;
  force?: boolean;
  root?: string;
  clone?: CloneSettings;
  docker: DockerBackend;
  /** True when some check needs the engine: without one, the batch refuses to start (no misleading grades). */
  requiresDocker: boolean;
  baseDocs?: SimilarityDoc[];
  referenceDocs?: SimilarityDoc[];
  progress?: BatchProgress;
  signal?: AbortSignal;
  now?: () => Date;
}

/**
 * Grades a class: every entry of the (shard's) list, `jobs` at a time, the Docker part bounded by
 * `dockerJobs`; each student's result is written as soon as it is known, so a killed run loses nothing
 * already graded and the next run reuses it. One submission's failure never stops the others.
 *
 * The engine is probed when the first submission that must be graded is known, not before: a class whose
 * reports are all reused never connects to Docker (nor loads its client). Without an engine, the first
 * such submission stops the run (nothing more is graded, nothing misleading is written) and the run
 * fails as it did before grading anything. What runs killed on this machine left is reclaimed at start
 * when the lease folder names a dead run (a cheap look, no engine call), else at the probe.
 */
export async function runBatch(options: BatchOptions): Promise<ClassSummary> {
  const { rubric, lang, outDir } = options;
  const now = options.now ?? (() => new Date());
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let probed: Promise<DockerAvailability> | undefined;
  const probe = () => {
    probed ??= options.docker.probe();
    return probed;
  };
  let refusal: string | undefined;
  /** The availability for a submission that must be graded; undefined (and the run stopped) without an engine. */
  const engine = async () => {
    const availability = await probe();
    if (availability.available || !options.requiresDocker) return availability;
    refusal ??= availability.reason;
    stop.abort();
    return undefined;
  };
  // Reclaiming dead runs' leftovers is part of the real engine's probe: started now only when some are known.
  if (await options.docker.deadRunsLeft?.()) probe().catch(() => undefined);
  const manifest = buildManifest({
    list: options.list,
    rubric,
    lang,
    shard: options.shard,
    deadline: options.clone?.deadline,
  });
  await saveManifest(outDir, manifest);
  const selected = selectShard(options.list.entries, options.shard);
  const limit = pLimit(Math.max(1, options.jobs));
  const slot = pLimit(options.dockerJobs ?? defaultDockerJobs(options.jobs));
  const containerSlot = pLimit(options.containerSlots ?? defaultContainerSlots());
  const progress = options.progress;
  progress?.start(selected.length);
  // The class's build layers stay until it ends: the next submission with the same requirements reuses the
  // pip layer even when the two builds do not overlap (removed below; no engine call if nothing was built).
  const releaseLayers = options.docker.keepLayers?.();
  try {
    await Promise.all(
      selected.map((entry) =>
        limit(async () => {
          if (signal.aborted) return;
          const started = Date.now();
          const result = await gradeEntry(entry, {
            rubric,
            registry: options.registry,
            lang,
            docker: options.docker,
            engine,
            outDir,
            force: Boolean(options.force),
            root: options.root,
            clone: options.clone ?? {},
            gradeSlot: (work) => slot(work),
            dockerSlot: (work) => containerSlot(work),
            signal,
            onPhase: (id, phase) => progress?.phase(id, phase),
          });
          if (result) progress?.finished(result.row, Date.now() - started);
        }),
      ),
    );
  } finally {
    progress?.end();
    await probed?.catch(() => undefined); // a reclaim started at start-up ends before the run does
    await releaseLayers?.().catch(() => undefined); // what is left stays in a lease, for the next reclaim
  }
  if (refusal !== undefined) throw new InputError(batchText(lang, "noDocker", { reason: refusal }));
  return finalizeClass(outDir, manifest, {
    // After a run, a student with no result is one it did not get to: stopped before their turn or cut short.
    missing: "interrupted",
    ids: selected.map((entry) => entry.id),
    baseDocs: options.baseDocs,
    referenceDocs: options.referenceDocs,
    toolVersion: toolVersion(),
    now: now(),
  });
}
