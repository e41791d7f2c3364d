import os from "node:os";

/** A default `--jobs` that fits the machine: a few more than the cores, since clones mostly wait. */
export function defaultJobs(cores = os.availableParallelism()): number {
  return Math.max(2, Math.min(16, cores * 2));
}

/**
 * How many submissions use the engine at once. Each graded submission keeps one bridge network and mostly
 * waits on the daemon: twice the cores keeps the engine busy, and stays far below the engine's ~30 default
 * networks. What they ask of the engine together is bounded by `defaultContainerSlots`.
 */
export function defaultDockerJobs(jobs: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(jobs, cores * 2, 12));
}

/**
 * Docker checks (a build, a container started and probed) in flight across the whole class, whatever the
 * number of submissions graded at once: twice the cores, as many as `xargs -P` of the same shell work would
 * keep busy, so a class never asks the daemon to start more containers than the machine can run.
 */
export function defaultContainerSlots(cores = os.availableParallelism()): number {
  return Math.max(2, Math.min(12, cores * 2));
}
