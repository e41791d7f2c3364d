import type Dockerode from "dockerode";
import type { Engine } from "./engine.js";

export interface WatchSettings {
  /** Set on each step container as the builder announces it (when no cgroup parent bounds the steps). */
  pidsPerStep?: number;
  /** What the build may write: the layers it commits plus the running step's writable layer. */
  diskBytes?: number;
  pollMs?: number;
}

/** What the build's messages have told so far (BuildLogParser's running state). */
export interface BuildProgress {
  readonly runningContainer: string | undefined;
  readonly createdImages: readonly string[];
}

/**
 * Watches a running classic build: applies the per-step PID limit to each new step container at once, and
 * polls what the build has written to disk, calling `cut` once when it passes the budget. Engines give no
 * disk quota to build steps (overlay2's `size` option needs xfs with project quotas and the classic builder
 * does not pass it), so the budget is checked every `pollMs`: a step may overshoot by what it writes in that
 * time, and the final check (`usedBytes` after the build) catches a last step that ends between two polls.
 */
export class BuildWatch {
  private readonly layers = new Map<string, Promise<number>>();
  private readonly limited = new Set<string>();
  private timer?: NodeJS.Timeout;
  private polling = false;
  private exceeded?: number;

  constructor(
    private readonly engine: Engine,
    private readonly progress: BuildProgress,
    private readonly settings: WatchSettings,
    private readonly cut: (usedBytes: number) => void,
  ) {
    if (settings.diskBytes !== undefined)
      this.timer = setInterval(() => void this.poll(), settings.pollMs ?? 2000);
  }

  /** Called after every build message. */
  observe(): void {
    const running = this.progress.runningContainer;
    if (running && this.settings.pidsPerStep && !this.limited.has(running)) {
      this.limited.add(running);
      // A step that already ended cannot be updated: nothing to limit any more.
      this.engine
        .getContainer(running)
        .update({ PidsLimit: this.settings.pidsPerStep })
        .catch(() => {});
    }
  }

  /** Bytes over the budget that made the watch cut the build, if it did. */
  get exceededBytes(): number | undefined {
    return this.exceeded;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The layers committed so far plus the running step's writable layer. */
  async usedBytes(): Promise<number> {
    const committed = await Promise.all(this.progress.createdImages.map((id) => this.layerSize(id)));
    const running = this.progress.runningContainer;
    const writing = running
      ? await this.engine
          .getContainer(running)
          // `size=1` asks the engine for SizeRw (dockerode passes options as the query; its types omit it).
          .inspect({ size: true } as Dockerode.ContainerInspectOptions)
          .then((info) => (info as { SizeRw?: number }).SizeRw ?? 0)
          .catch(() => 0)
      : 0;
    return committed.reduce((sum, size) => sum + size, 0) + writing;
  }

  /** Whether `bytes` passes the budget. */
  over(bytes: number): boolean {
    return this.settings.diskBytes !== undefined && bytes > this.settings.diskBytes;
  }

  private async poll(): Promise<void> {
    if (this.polling || this.exceeded !== undefined) return;
    this.polling = true;
    try {
      const used = await this.usedBytes();
      if (this.over(used) && this.exceeded === undefined) {
        this.exceeded = used;
        this.stop();
        this.cut(used);
      }
    } finally {
      this.polling = false;
    }
  }

  /** The size of the layer an intermediate image added (its newest history entry); images never change. */
  private layerSize(id: string): Promise<number> {
    let size = this.layers.get(id);
    if (!size) {
      size = this.engine
        .getImage(id)
        .history()
        .then((history: Array<{ Size?: number }>) => history[0]?.Size ?? 0)
        .catch(() => 0);
      this.layers.set(id, size);
    }
    return size;
  }
}
