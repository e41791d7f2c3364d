import { chmod, mkdtemp, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ImageInspectInfo } from "dockerode";
import type { Trace } from "../i18n/text.js";
import type { Assignment, BuildPolicy } from "../rubric/types.js";
import type { SubmissionFiles } from "../submission/files.js";
import type { Submission } from "../submission/types.js";
import { retryWhilePoolsExhausted } from "./address-pools.js";
import type { BaseImage, PullPolicy } from "./base-images.js";
import { type BuildOutcome, type BuildSuccess, ImageUnavailableError } from "./build.js";
import type { BuildProgress } from "./build-log.js";
import { type ContainerHandle, startedHandle } from "./container.js";
import { type ContainerOptions, containerConfig, type MountSpec } from "./container-config.js";
import { withDeadline } from "./deadline.js";
import { connectEngine, type Engine, engineMessage, removeQuietly } from "./engine.js";
import { keptLayers } from "./kept-layers.js";
import { harnessReference, LABEL, newRunId, resourceLabels, TEMP_PREFIX } from "./labels.js";
import { type Lease, newLease, removeLease, writeLease } from "./lease.js";
import { removeCommittedImages } from "./orphan-images.js";
import { reaperIdle, watchRun } from "./reaper.js";
import { listLabelled, removeLabelled } from "./resources.js";
import { type SandboxSummary, sandboxedBuild } from "./sandboxed-build.js";
import type { DockerSession, ImageHistoryEntry } from "./session.js";
import { type SharedBuildUse, useSharedImage } from "./shared-build.js";
import { openSessionCount, trackSession } from "./shutdown.js";
import { dockerTrace } from "./trace-messages.js";

export interface OpenSessionInput {
  submission: Submission;
  files: SubmissionFiles;
  assignment: Assignment;
  /** The run's signal: aborting it stops the build and makes the session unusable (close() still works). */
  signal?: AbortSignal;
  log?: Trace;
  /** Default: a new id. */
  runId?: string;
  /** Default: the assignment's `timeouts.build`. */
  buildTimeoutMs?: number;
  /**
   * Overrides the rubric's build network policy: `none` (as the tests' offline builds use) is `closed`.
   * Default: the assignment's `build.network`.
   */
  buildNetwork?: "none" | BuildPolicy["network"];
  /** The index-only proxy's outside network (tests: a network holding a package index); see build-sandbox.ts. */
  buildEgressNetwork?: string;
  /** Memory of the build's RUN steps; default the larger of the assignment's limit and 1 GiB. */
  buildMemoryMb?: number;
  /** Told as each build step starts and prints, for a progress display. */
  onBuildProgress?: (event: BuildProgress) => void;
  /** When base images are pulled (default `missing`). */
  pullPolicy?: PullPolicy;
  /**
   * Sessions of this process opened with the same key share one build (see shared-build.ts). The key must
   * name the build context's content; the build policy (timeout, memory, network) is added here.
   */
  shareBuild?: string;
}

/** Connects to the engine and opens a session for one submission; nothing is created until asked. */
export async function openDockerSession(input: OpenSessionInput): Promise<DockerSession> {
  const engine = await connectEngine();
  const version = await engine.version();
  return new EngineSession(engine, input, version.Version, version.ApiVersion);
}

class EngineSession implements DockerSession {
  readonly runId: string;
  readonly imageReference: string;
  buildSandbox?: SandboxSummary;
  private readonly controller = new AbortController();
  private readonly untrack: () => void;
  private readonly tempDirs: string[] = [];
  private readonly volumes = new Set<string>();
  private build?: Promise<BuildOutcome>;
  private shared?: SharedBuildUse;
  private network?: Promise<string>;
  /** The built image's inspect (until a tag is added) and history, shared by the checks that ask. */
  private inspected?: Promise<ImageInspectInfo>;
  private history?: Promise<ImageHistoryEntry[]>;
  /** The removal of the build's sandbox, started when the build ended. */
  private sandboxClosed: Promise<void> = Promise.resolve();
  private closing?: Promise<void>;
  private counter = 0;
  /** Who owns this run, on disk: `dockgrade gc` in another process tells a dead run from a live one by it. */
  private readonly lease: Lease;
  private leaseWritten: Promise<void>;

  constructor(
    private readonly engine: Engine,
    private readonly input: OpenSessionInput,
    readonly engineVersion: string,
    readonly apiVersion: string,
  ) {
    this.runId = input.runId ?? newRunId();
    const { image } = input.assignment;
    this.imageReference = harnessReference(this.runId, image.name, image.tags[0] ?? "latest");
    input.signal?.addEventListener("abort", () => this.controller.abort(input.signal?.reason), {
      once: true,
    });
    this.untrack = trackSession(this);
    this.lease = newLease(this.runId);
    this.leaseWritten = writeLease(this.lease);
    this.watchRun(this.runId);
  }

  /** The process's reaper (when there is one) removes the run's objects if the process dies; see reaper.ts. */
  private watchRun(runId: string): void {
    void watchRun(this.engine, runId, { pullPolicy: this.input.pullPolicy, log: this.input.log });
  }

  image(options: { maxContextBytes?: number } = {}): Promise<BuildOutcome> {
    this.build ??= this.input.shareBuild
      ? this.sharedBuild(options, this.input.shareBuild)
      : this.runBuild(options);
    return this.build;
  }

  async baseImages(): Promise<BaseImage[]> {
    const outcome = await this.build?.catch(() => undefined);
    return outcome?.ok ? (outcome.baseImages ?? []) : [];
  }

  /** The image an identical context already built in this process, tagged for this session too. */
  private async sharedBuild(options: { maxContextBytes?: number }, key: string): Promise<BuildOutcome> {
    const { input } = this;
    const { image, limits, timeouts } = input.assignment;
    const policy = [input.buildTimeoutMs, input.buildMemoryMb, input.buildNetwork, options.maxContextBytes];
    const { outcome, use } = await useSharedImage({
      engine: this.engine,
      key: JSON.stringify([key, image, limits, timeouts, policy]),
      reference: this.imageReference,
      build: (runId, reference) => this.runBuild(options, runId, reference),
      log: input.log,
    });
    this.shared = use;
    return outcome ?? this.runBuild(options);
  }

  inspectImage(): Promise<ImageInspectInfo> {
    // Asked by several checks at once: one request while the image's tags stay as they are.
    this.inspected ??= this.once(
      async () => this.engine.getImage((await this.built()).imageId).inspect(),
      () => {
        this.inspected = undefined;
      },
    );
    return this.inspected;
  }

  imageHistory(): Promise<ImageHistoryEntry[]> {
    // An image's history never changes: read once for every check that asks.
    this.history ??= this.once(
      async () => {
        const history = (await this.engine
          .getImage((await this.built()).imageId)
          .history()) as ImageHistoryEntry[];
        // The newest entry is the harness's own LABEL step: students never wrote it.
        return history.filter(
          (entry, index) => !(index === 0 && entry.CreatedBy.includes(`LABEL ${LABEL.run}=`)),
        );
      },
      () => {
        this.history = undefined;
      },
    );
    return this.history;
  }

  /** `ask()`, forgotten (`forget()`) when it fails, so the next caller asks again. */
  private once<T>(ask: () => Promise<T>, forget: () => void): Promise<T> {
    const answer = ask();
    answer.catch(forget);
    return answer;
  }

  async tagImage(tag: string): Promise<string> {
    const built = await this.built();
    const reference = harnessReference(this.runId, this.input.assignment.image.name, tag);
    const colon = reference.lastIndexOf(":");
    await this.engine
      .getImage(built.imageId)
      .tag({ repo: reference.slice(0, colon), tag: reference.slice(colon + 1) });
    this.inspected = undefined; // its RepoTags changed
    return reference;
  }

  async startContainer(options: ContainerOptions = {}): Promise<ContainerHandle> {
    this.assertOpen();
    const image = options.image ?? (await this.built()).imageId;
    const mounts = await Promise.all((options.mounts ?? []).map((mount) => this.checkMount(mount)));
    const name = `dockgrade-${this.runId}-${options.name ?? `c${++this.counter}`}`;
    const config = containerConfig({
      image,
      name,
      labels: resourceLabels(this.runId, "container"),
      network: await this.sessionNetwork(),
      limits: this.input.assignment.limits,
      options: { ...options, mounts },
    });
    const container = await this.engine.createContainer(config);
    if (this.closing) {
      // The session began closing while this container was being created: it must not outlive it.
      await removeQuietly(() => container.remove({ force: true, v: true }));
      throw new Error("the Docker session was closed");
    }
    try {
      return await startedHandle(this.engine, container.id, name);
    } catch (error) {
      await removeQuietly(() => container.remove({ force: true, v: true }));
      throw new Error(`container ${name} could not start: ${engineMessage(error)}`);
    }
  }

  async createVolume(): Promise<string> {
    this.assertOpen();
    const name = `dockgrade-${this.runId}-v${++this.counter}`;
    await this.engine.createVolume({ Name: name, Labels: resourceLabels(this.runId, "volume") });
    this.volumes.add(name);
    return name;
  }

  async tempDir(): Promise<string> {
    this.assertOpen();
    const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), `${TEMP_PREFIX}${this.runId}-`)));
    this.tempDirs.push(dir);
    // A non-root USER in the container must be able to read what graders put there.
    await chmod(dir, 0o755);
    return dir;
  }

  engineAnswers(): Promise<boolean> {
    return withDeadline(this.engine.ping(), 5000, "pinging the Docker engine").then(
      () => true,
      () => false,
    );
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.controller.abort(new Error("the Docker session was closed"));
    const build = await this.build?.catch(() => undefined);
    await this.network?.catch(() => undefined);
    await this.sandboxClosed;
    // A build cut by this close may still commit its last step in the daemon a few milliseconds after the
    // request ended: that image carries the run's label and would appear after a first cleanup pass.
    const cutBuild = Boolean(
      build && !build.ok && (build.reason === "aborted" || build.reason === "timeout"),
    );
    // A class keeping its layers (kept-layers.ts): the image goes without its parents, which are handed over.
    const keep = keptLayers.active;
    let complete = true;
    try {
      // Twice: a grader interrupted mid-way may create a container while the first pass runs, and an image
      // still used by it is only untagged by that pass; the second pass removes what the first could not.
      const passes = cutBuild ? 3 : 2;
      for (let pass = 0; pass < passes; pass++) {
        if (pass === 2) await new Promise((resolve) => setTimeout(resolve, 1500));
        const listed = await listLabelled(this.engine, this.runId);
        const counts = await removeLabelled(this.engine, listed, { keepParents: keep });
        if (pass === passes - 1)
          for (const error of counts.errors) this.input.log?.(dockerTrace("cleanupError", { error }));
        if (pass === passes - 1) complete = counts.errors.length === 0;
      }
      // The classic builder labels only the final image: one committed by a cut step after the build's own
      // cleanup has no label, and is known by the step container it came from.
      if (cutBuild) await removeCommittedImages(this.engine, this.lease.buildContainers);
    } catch (error) {
      complete = false;
      this.input.log?.(
        dockerTrace("cleanupFailed", {
          what: { en: `run ${this.runId}`, fr: `passage ${this.runId}` },
          error: engineMessage(error),
        }),
      );
    }
    await Promise.all(this.tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    await this.leaseWritten;
    // Listed in the holder's lease before this run's own lease goes: a kill in between loses none of them.
    if (keep) await keptLayers.keep(this.engine, this.lease.buildImages).catch(() => undefined);
    // A lease left behind (the engine failed mid-cleanup) lets the next start-up or `gc` finish the job.
    if (complete) await removeLease(this.runId);
    // A shared image goes with its last user (this session's containers, which used it, are gone).
    await this.shared?.release();
    this.untrack();
    if (openSessionCount() === 0) reaperIdle();
  }

  private async runBuild(
    options: { maxContextBytes?: number },
    runId = this.runId,
    reference = this.imageReference,
  ): Promise<BuildOutcome> {
    const { assignment, submission, buildNetwork } = this.input;
    const network = buildNetwork === "none" ? "closed" : (buildNetwork ?? assignment.build.network);
    if (runId !== this.runId) this.watchRun(runId);
    const memoryMb =
      this.input.buildMemoryMb ?? assignment.build.memoryMb ?? Math.max(assignment.limits.memoryMb, 1024);
    try {
      return await sandboxedBuild({
        engine: this.engine,
        root: submission.root,
        files: this.input.files,
        dockerfile: assignment.dockerfile,
        reference,
        runId,
        timeoutMs: this.input.buildTimeoutMs ?? assignment.timeouts.build * 1000,
        maxContextBytes: options.maxContextBytes,
        memoryMb,
        policy: { ...assignment.build, network },
        ...(this.input.buildEgressNetwork ? { egressNetwork: this.input.buildEgressNetwork } : {}),
        onSandbox: (summary) => {
          this.buildSandbox = summary;
        },
        onSandboxClosing: (closed) => {
          this.sandboxClosed = Promise.all([this.sandboxClosed, closed]).then(() => undefined);
        },
        pullPolicy: this.input.pullPolicy,
        signal: this.controller.signal,
        log: this.input.log,
        onObjects: (objects) => this.recordBuildObjects(objects),
        onProgress: this.input.onBuildProgress,
      });
    } catch (error) {
      return { ok: false, reason: "engine", message: engineMessage(error), lastLines: [], durationMs: 0 };
    }
  }

  private recordBuildObjects(objects: { containers: readonly string[]; images: readonly string[] }): void {
    const { buildContainers, buildImages } = this.lease;
    if (objects.containers.length === buildContainers.length && objects.images.length === buildImages.length)
      return;
    this.lease.buildContainers = [...objects.containers];
    this.lease.buildImages = [...objects.images];
    this.leaseWritten = this.leaseWritten.then(() => writeLease(this.lease));
  }

  private async built(): Promise<BuildSuccess> {
    const outcome = await this.image();
    if (!outcome.ok) throw new ImageUnavailableError(outcome);
    return outcome;
  }

  /** The session's bridge network: published ports work, but no NAT, so containers reach nothing outside. */
  private sessionNetwork(): Promise<string> {
    this.network ??= (async () => {
      const name = `dockgrade-${this.runId}`;
      const create = () =>
        this.engine.createNetwork({
          Name: name,
          Driver: "bridge",
          CheckDuplicate: true,
          // `Internal: true` would also cut outbound traffic, but engines then publish no port at all.
          Internal: false,
          Options: { "com.docker.network.bridge.enable_ip_masquerade": "false" },
          Labels: resourceLabels(this.runId, "network"),
        });
      await retryWhilePoolsExhausted(create, this.controller.signal).catch((error) => {
        throw new Error(`the session network ${name} could not be created: ${engineMessage(error)}`);
      });
      return name;
    })();
    return this.network;
  }

  /**
   * Bind sources must lie in this session's temporary folders (as given, links resolved) or in the
   * submission (always read-only: a container never changes the student's files); volumes must be this
   * session's.
   */
  private async checkMount(mount: MountSpec): Promise<MountSpec> {
    if (mount.type === "volume") {
      if (!this.volumes.has(mount.source))
        throw new Error(`volume ${mount.source} was not created by this session`);
      return mount;
    }
    const real = await realpath(mount.source);
    const inside = (base: string) => real === base || real.startsWith(base + path.sep);
    if (this.tempDirs.some(inside)) return { ...mount, source: real };
    if (inside(this.input.submission.root)) return { ...mount, source: real, readOnly: true };
    throw new Error(
      `bind mount ${mount.source} is outside the session's temporary folders and the submission`,
    );
  }

  private assertOpen(): void {
    if (this.closing) throw new Error(`Docker session ${this.runId} is closed`);
    if (this.controller.signal.aborted) throw new Error(`Docker session ${this.runId} was cancelled`);
  }
}
