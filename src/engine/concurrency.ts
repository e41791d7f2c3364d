import os from "node:os";

/** Checks of one submission in flight at once: Docker checks (builds, containers) and local ones apart. */
export interface CheckConcurrency {
  docker: number;
  local: number;
}

/**
 * What one submission's checks can keep busy: a container check mostly waits (on the daemon starting the
 * container, on the app answering), so one more than the cores, but at most 4 — each starts a Python app
 * whose imports take a core for a moment, and the daemon needs one too. Local checks (reading the
 * Dockerfile and the report, OCR) use the cores themselves.
 */
export function defaultCheckConcurrency(cores = os.availableParallelism()): CheckConcurrency {
  return { docker: Math.max(2, Math.min(4, cores + 1)), local: Math.max(1, Math.min(4, cores)) };
}
