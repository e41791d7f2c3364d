import os from "node:os";

/** A default `--jobs` that fits the machine: a few more than the cores, since clones mostly wait. */
export function defaultJobs(cores = os.availableParallelism()): number {
  return Math.max(2, Math.min(16, cores * 2));
}

/**
 * How many submissions use the engine at once. Each graded submission keeps one bridge network and at most
 * one container at a time, and mostly waits on the daemon: twice the cores keeps the engine busy without
 * oversubscribing it, and stays far below the engine's ~30 default networks.
 */
export function defaultDockerJobs(jobs: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(jobs, cores * 2, 12));
}
