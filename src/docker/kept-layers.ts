import { cacheLock } from "./cache-lock.js";
import { removeUntagged } from "./cleanup.js";
import type { Engine } from "./engine.js";
import { newRunId } from "./labels.js";
import { type Lease, newLease, removeLease, writeLease } from "./lease.js";
import { onSessionsClosed } from "./shutdown.js";

/**
 * The build layers of a class kept until the class ends, so the next submission with the same steps (the
 * same requirements.txt) reuses the `RUN pip install` layer even when its build does not overlap the first.
 *
 * While a command holds it (`hold()`: `batch`, `check --watch`), a closing session removes its tagged image
 * without its untagged parents (the build's cached layers) and hands the intermediate image ids its build
 * log named over to this holder. Released (the command's end, or the interrupt handler), the holder removes
 * them newest first, unforced and without pruning: the engine itself refuses an image another image is built
 * on or a container uses (the interrupt handler does the same once the open sessions have closed). The ids are
 * written to a lease of their own (`<tmp>/dockgrade-runs/<id>.json`,
 * `buildImages`), so a process killed mid-class leaves them to the next start-up's reclaim or `dockgrade gc`.
 * Not held (`check`, library users), sessions remove their image with its parents, as they always did.
 *
 * Process-wide, like the cache lock: it keeps image ids only, no submission data.
 */
export class KeptLayers {
  private holds = 0;
  private generation = 0;
  private ids: string[] = [];
  private readonly steps = new Set<string>();
  private engine?: Engine;
  private lease?: Lease;
  private written: Promise<void> = Promise.resolve();
  private unregister?: () => void;

  /** Whether closing sessions keep their build's layers (hand them over here) instead of pruning them. */
  get active(): boolean {
    return this.holds > 0;
  }

  /**
   * Notes that a build of this process ran (or found in the cache) the steps `key` names (see
   * `runStepsKey`): their layers are now kept with the rest, until the layers go.
   */
  rememberSteps(key: string): void {
    if (this.active) this.steps.add(key);
  }

  /** Whether a build of this process made the layers of the steps `key` names, and they are still kept. */
  keepsSteps(key: string): boolean {
    return this.active && this.steps.has(key);
  }

  /** Image ids kept now, for tests and diagnostics. */
  get kept(): readonly string[] {
    return this.ids;
  }

  /** The run id of the holder's lease, once it has one (for tests). */
  get leaseRunId(): string | undefined {
    return this.lease?.runId;
  }

  /**
   * Keeps layers until the returned function is called (once; it resolves when the layers are removed).
   * Holds nest: the layers go when the last one is released.
   */
  hold(): () => Promise<void> {
    // Ctrl-C or SIGTERM: once the open sessions have closed (handing their layers over), the layers go.
    if (this.holds++ === 0) this.unregister = onSessionsClosed(() => this.releaseAll());
    const generation = this.generation;
    let released = false;
    return async () => {
      // A hold the interrupt handler already ended is over: its release is nothing.
      if (released || generation !== this.generation) return;
      released = true;
      if (--this.holds === 0) await this.end();
    };
  }

  /**
   * Takes over a closed run's intermediate images, recorded in the holder's lease before this resolves (the
   * caller may then drop its own lease). Not held any more (released while the session was closing): they
   * are removed at once instead.
   */
  async keep(engine: Engine, imageIds: readonly string[]): Promise<void> {
    if (!this.active) {
      await cacheLock.remove(() => removeUntagged(engine, imageIds));
      return;
    }
    const fresh = imageIds.filter((id) => !this.ids.includes(id));
    if (fresh.length === 0) return;
    this.engine = engine;
    this.ids.push(...fresh);
    await this.record();
  }

  /** The interrupt handler's end: whatever holds are left, the kept layers go now. */
  async releaseAll(): Promise<void> {
    this.holds = 0;
    this.generation++;
    await this.end();
  }

  private async end(): Promise<void> {
    this.unregister?.();
    this.unregister = undefined;
    await this.removeKept();
  }

  private async removeKept(): Promise<void> {
    this.steps.clear();
    const { engine } = this;
    const ids = this.ids;
    this.ids = [];
    if (!engine || ids.length === 0) return;
    // Under the cache lock: a build of this process still running (another hold) may be reusing one of them.
    const { left } = await cacheLock.remove(() => removeUntagged(engine, ids));
    // What the engine refused (another process's build is built on it) stays in the lease: once this
    // process has ended, the next start-up's reclaim or `dockgrade gc` tries again.
    this.ids.unshift(...left.filter((id) => !this.ids.includes(id)));
    await this.record();
  }

  private record(): Promise<void> {
    if (this.ids.length === 0 && !this.lease) return this.written;
    this.lease ??= newLease(newRunId());
    const lease: Lease = { ...this.lease, buildImages: [...this.ids] };
    this.written = this.written.then(() =>
      lease.buildImages.length > 0 ? writeLease(lease) : removeLease(lease.runId),
    );
    return this.written;
  }
}

/** The process's one holder. */
export const keptLayers = new KeptLayers();
