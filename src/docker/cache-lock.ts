/**
 * Builds of different submissions share the engine's layer cache: build B may reuse ("Using cache") a layer
 * that build A made a moment ago. Removing A's images while B runs can delete that layer between two of B's
 * steps, and B then fails for no fault of its student. So, in one process, removals that may delete an
 * untagged layer wait until no build is running, and new builds wait while such a removal is pending
 * (removals are quick; builds are not): a run's image removed with its untagged parents (pruned), the
 * intermediate images of a failed or cut build, the layers a class kept (kept-layers.ts) when it ends, and
 * what dead runs' builds left. A run's image removed without pruning, as during a class that keeps its
 * layers, takes only the harness's own last step (its LABEL, unique to the run): it needs no lock, so a
 * session's close no longer waits behind other submissions' builds.
 * This is process-wide state besides the open-session registry; it holds no submission data.
 */
export class CacheLock {
  private builds = 0;
  private removing = false;
  private readonly waitingRemovals: Array<() => void> = [];
  private readonly waitingBuilds: Array<() => void> = [];

  /** Runs `fn` as a build: many at once, none while images are being removed. */
  async build<T>(fn: () => Promise<T>): Promise<T> {
    // A waiter is admitted by wake(), which counts it in before it resumes: no gap for a removal to slip in.
    if (this.removing || this.waitingRemovals.length > 0)
      await new Promise<void>((r) => this.waitingBuilds.push(r));
    else this.builds++;
    try {
      return await fn();
    } finally {
      this.builds--;
      this.wake();
    }
  }

  /** Runs `fn` as an image removal: alone, once running builds have finished. */
  async remove<T>(fn: () => Promise<T>): Promise<T> {
    if (this.removing || this.builds > 0) await new Promise<void>((r) => this.waitingRemovals.push(r));
    else this.removing = true;
    try {
      return await fn();
    } finally {
      this.removing = false;
      this.wake();
    }
  }

  /** For tests and diagnostics. */
  get state(): { builds: number; removing: boolean; waiting: number } {
    return {
      builds: this.builds,
      removing: this.removing,
      waiting: this.waitingRemovals.length + this.waitingBuilds.length,
    };
  }

  private wake(): void {
    if (this.removing) return;
    const removal = this.builds === 0 ? this.waitingRemovals.shift() : undefined;
    if (removal) {
      this.removing = true;
      removal();
    } else if (this.waitingRemovals.length === 0) {
      const starts = this.waitingBuilds.splice(0);
      this.builds += starts.length;
      for (const start of starts) start();
    }
  }
}

/** The process's one lock over the engine's image cache. */
export const cacheLock = new CacheLock();
