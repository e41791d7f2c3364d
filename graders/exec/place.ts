/** What the exec grader sees of the app's shared run once it holds its lease. */
export interface AppRunState {
  /** The run has a container: it was created, whether or not the app answered. */
  container: boolean;
  /** That container is still running. */
  running: boolean;
  /** The app was started again on a writable root, its first start having died on the read-only one. */
  writableRoot: boolean;
}

/**
 * Where an `inAppRun` command runs: in the app's shared container when the image runs there as it would
 * in a container of the check's own (created, still running, on the read-only root, whether or not the app
 * answers on its port); else in a container of its own, as without `inAppRun` — its verdict then says what
 * that container shows (it exits, the command fails on the read-only root).
 */
export function execPlace(run: AppRunState): "app-run" | "own-container" {
  return run.container && run.running && !run.writableRoot ? "app-run" : "own-container";
}
