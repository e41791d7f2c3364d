import { formatBytes } from "../format/bytes.js";
import type { Trace } from "../i18n/text.js";
import type { SubmissionFiles } from "../submission/files.js";
import {
  type BaseImage,
  type BaseImageState,
  baseImages,
  ensureImages,
  type PullPolicy,
} from "./base-images.js";
import { type ContextStats, packContext, scanContext } from "./build-context.js";
import {
  type BuildLog,
  BuildLogParser,
  type BuildProgress,
  type BuildStepRef,
  JsonLines,
} from "./build-log.js";
import type { Refusal } from "./build-policy.js";
import { BuildWatch } from "./build-watch.js";
import { cacheLock } from "./cache-lock.js";
import { removeIntermediates } from "./cleanup.js";
import { type Engine, engineMessage, engineStatus, removeQuietly } from "./engine.js";
import { LABEL } from "./labels.js";
import { classifyPullFailure, isPullError, type PullFailure } from "./pull-failure.js";
import { dockerTrace } from "./trace-messages.js";

export interface BuildRequest {
  engine: Engine;
  /** The build context: the submission root (the Dockerfile's folder). */
  root: string;
  /** Safe reader of the submission, for its `.dockerignore`. */
  files: SubmissionFiles;
  /** The Dockerfile, relative to `root` (the rubric's `image.dockerfile`); default `Dockerfile`. */
  dockerfile?: string;
  /** Harness reference the image is tagged with (see `harnessReference`). */
  reference: string;
  /** The image is labelled `dockgrade.run=<runId>`, and only that (see below). */
  runId: string;
  timeoutMs: number;
  maxContextBytes?: number;
  memoryMb?: number;
  cpus?: number;
  /** Build network (`none` keeps a build offline); the engine's default otherwise. */
  networkMode?: string;
  /** Build arguments: only Docker's predefined proxy ones are passed (the sandbox's egress proxy). */
  buildArgs?: Record<string, string>;
  /** The cgroup RUN steps are created under (the sandbox's limits holder). */
  cgroupParent?: string;
  /** PID limit set on each step container as it starts (when no cgroup parent bounds them). */
  pidsPerStep?: number;
  /** Disk budget: committed layers plus the running step's writes (see build-watch.ts). */
  diskBytes?: number;
  keepLines?: number;
  /** When base images are pulled (default `missing`); see base-images.ts. */
  pullPolicy?: PullPolicy;
  /**
   * The FROM images as the caller already obtained them (the build sandbox does, from the parsed
   * Dockerfile); when absent, read from the Dockerfile's FROM lines and obtained here.
   */
  baseImageStates?: BaseImageState[];
  /** Ignore the engine's build cache (every step runs). */
  noCache?: boolean;
  signal?: AbortSignal;
  log?: Trace;
  /** Told of each step container and intermediate image as the build makes them (the run's lease keeps them). */
  onObjects?: (objects: { containers: readonly string[]; images: readonly string[] }) => void;
  /** Told as each step starts and prints, for a progress display. */
  onProgress?: (event: BuildProgress) => void;
}

export interface BuildSuccess {
  ok: true;
  imageId: string;
  /** The harness tag: `dockgrade/<runId>/<name>:<tag>`. */
  reference: string;
  sizeBytes: number;
  durationMs: number;
  context: ContextStats;
  /** Number of Dockerfile instructions run (the harness LABEL step aside). */
  steps: number;
  logTail: string[];
  /** The base images the build started from, with their engine id and registry digest (FROM lines read ahead). */
  baseImages?: BaseImage[];
}

/**
 * `failed`, `context-too-large`, `refused` (the build sandbox's policy, decided before building: see
 * build-policy.ts) and `disk` (the build wrote more than its budget) are the student's; `timeout`,
 * `aborted` (the run was cancelled), `engine` (the daemon failed or went away) and `pull` (a base image
 * could not be obtained for a reason that is not the FROM line's: no registry, rate limit, credentials,
 * pull policy) are the harness's.
 */
export interface BuildFailure {
  ok: false;
  reason: "failed" | "context-too-large" | "refused" | "disk" | "timeout" | "aborted" | "engine" | "pull";
  /** With `pull`, and with `failed` when the registry has no such image: the image and the classified cause. */
  pull?: PullFailure & { image: string };
  /** The daemon's error, or what went wrong (a timeout says what was awaited and for how long). */
  message: string;
  /** The step that failed (or that was running when the build was stopped). */
  failingStep?: BuildStepRef;
  lastLines: string[];
  durationMs: number;
  context?: ContextStats;
  timeoutMs?: number;
  maxContextBytes?: number;
  /** `refused`: every instruction the sandbox refuses, with its line. */
  refusals?: Refusal[];
  /** `disk`: the budget and what the build had written when it was cut. */
  diskBytes?: number;
  usedBytes?: number;
  /** What the harness removed after the failure: the step container left running, intermediate images. */
  cleanedUp?: { container?: string; images: string[] };
}

export type BuildOutcome = BuildSuccess | BuildFailure;

/** Thrown by the session's image-dependent methods when the image could not be built. */
export class ImageUnavailableError extends Error {
  constructor(readonly outcome: BuildFailure) {
    super(`the image could not be built (${outcome.reason}): ${outcome.message}`);
    this.name = "ImageUnavailableError";
  }
}

/**
 * Builds the submission with the classic builder (`version: "1"`), streaming the daemon's messages so a
 * failure quotes its step and last lines. A timeout or abort cuts the request (the daemon then stops the
 * build) and removes what the build left: its running step container and the intermediate images it made.
 */
export async function buildImage(request: BuildRequest): Promise<BuildOutcome> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const { engine, timeoutMs } = request;
  const context = await readContext(request);
  if ("message" in context)
    return { ok: false, reason: "engine", message: context.message, lastLines: [], durationMs: elapsed() };
  if (!context.ok) {
    return {
      ok: false,
      reason: "context-too-large",
      message: `the build context passes the limit of ${context.maxBytes} bytes or ${context.maxFiles} files`,
      lastLines: [],
      durationMs: elapsed(),
      context: context.stats,
      maxContextBytes: context.maxBytes,
    };
  }
  const stats = context.stats;
  // Base images are pulled once per process, before the build's own deadline starts counting. An image the
  // registry says does not exist is left for the build to report at its FROM step (the student's); one
  // that could not be obtained for another reason stops here: the harness could not check.
  const states = request.baseImageStates ?? (await readAndEnsureBaseImages(request));
  for (const state of states) {
    if (state.ok || state.failure.fault === "student") continue;
    return {
      ok: false,
      reason: "pull",
      message: `${state.reference}: ${state.failure.message}`,
      pull: { ...state.failure, image: state.reference },
      lastLines: [],
      durationMs: elapsed(),
      context: stats,
    };
  }
  request.log?.(
    dockerTrace("building", {
      reference: request.reference,
      files: stats.files,
      size: formatBytes(stats.bytes),
    }),
  );

  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener("abort", onAbort, { once: true });
  if (request.signal?.aborted) onAbort();
  // The classic builder appends the `labels` as LABEL steps of its own (one per label on some engines):
  // a single label makes exactly one extra step everywhere, left out of the totals students see.
  const parser = new BuildLogParser(request.keepLines ?? 20, 1, request.onProgress);
  let diskCut: number | undefined;
  const watch = new BuildWatch(
    engine,
    parser,
    { pidsPerStep: request.pidsPerStep, diskBytes: request.diskBytes },
    (used) => {
      diskCut = used;
      controller.abort(new Error("build disk budget exceeded"));
    },
  );
  let transport: unknown;
  try {
    // Held while the build may reuse cached layers, so no removal deletes one under it (cache-lock.ts).
    await cacheLock.build(async () => {
      // The deadline counts from here: time spent waiting for the lock is not the student's build time.
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error("build timed out"));
      }, timeoutMs);
      const stream = await engine.buildImage(packContext(request.root, context), {
        t: request.reference,
        ...(request.dockerfile ? { dockerfile: request.dockerfile } : {}),
        labels: { [LABEL.run]: request.runId },
        version: "1",
        rm: true,
        forcerm: true,
        pull: false,
        nocache: request.noCache ?? false,
        ...(request.memoryMb
          ? { memory: request.memoryMb * 1024 * 1024, memswap: request.memoryMb * 1024 * 1024 }
          : {}),
        ...(request.cpus ? { cpuperiod: 100_000, cpuquota: Math.round(request.cpus * 100_000) } : {}),
        ...(request.networkMode ? { networkmode: request.networkMode } : {}),
        ...(request.buildArgs ? { buildargs: request.buildArgs } : {}),
        ...(request.cgroupParent ? { cgroupparent: request.cgroupParent } : {}),
        abortSignal: controller.signal,
      });
      const lines = new JsonLines();
      const push = (message: unknown) => {
        parser.push(message);
        watch.observe();
        request.onObjects?.(parser.objects());
      };
      for await (const chunk of stream) for (const message of lines.push(String(chunk))) push(message);
      for (const message of lines.end()) push(message);
    });
  } catch (error) {
    transport = error;
  } finally {
    watch.stop();
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", onAbort);
  }
  const log = parser.result();
  const base = { context: stats, durationMs: elapsed() };

  if (diskCut !== undefined) return diskFailure(await cleanUp(engine, log), log, diskCut, request, base);
  if (controller.signal.aborted) {
    const cleanedUp = await cleanUp(engine, log);
    const running = log.steps.at(-1);
    return {
      ok: false,
      reason: timedOut ? "timeout" : "aborted",
      message: timedOut
        ? `the image build did not finish within ${Math.round(timeoutMs / 1000)} s`
        : "the image build was cancelled",
      ...(running
        ? { failingStep: { index: running.index, total: running.total, instruction: running.instruction } }
        : {}),
      lastLines: running?.lines ?? log.tail,
      ...base,
      ...(timedOut ? { timeoutMs } : {}),
      cleanedUp,
    };
  }
  if (transport !== undefined) {
    const cleanedUp = await cleanUp(engine, log);
    // A 4xx/5xx answer carries the daemon's reason: Dockerfile missing or unparsable is the student's;
    // no status at all means the daemon could not be reached or dropped the connection.
    const status = engineStatus(transport);
    const mine =
      status !== undefined && /dockerfile|unknown instruction|parse error/i.test(engineMessage(transport));
    const message = engineMessage(transport);
    const pull = pullFailure(undefined, message);
    return {
      ok: false,
      reason: pull?.fault === "harness" ? "pull" : mine ? "failed" : "engine",
      ...(pull ? { pull } : {}),
      message,
      lastLines: log.tail,
      ...base,
      cleanedUp,
    };
  }
  if (log.error !== undefined || !log.imageId) {
    const cleanedUp = await cleanUp(engine, log);
    const pull = log.error === undefined ? undefined : pullFailure(log.failingStep?.instruction, log.error);
    return {
      ok: false,
      reason: pull?.fault === "harness" ? "pull" : log.error !== undefined ? "failed" : "engine",
      ...(pull ? { pull } : {}),
      message: log.error ?? "the build ended without producing an image",
      ...(log.failingStep ? { failingStep: log.failingStep } : {}),
      lastLines: log.lastLines,
      ...base,
      cleanedUp,
    };
  }
  // The last step may end between two polls of the disk budget: check what the build wrote once more.
  const used = await watch.usedBytes();
  if (watch.over(used)) return diskFailure(await cleanUp(engine, log), log, used, request, base);
  const image = await engine.getImage(log.imageId).inspect();
  return {
    ok: true,
    imageId: image.Id,
    reference: request.reference,
    sizeBytes: image.Size,
    steps: Math.max(0, log.steps.length - 1),
    logTail: log.tail,
    baseImages: states.flatMap((state) => (state.ok ? [state.image] : [])),
    ...base,
  };
}

function diskFailure(
  cleanedUp: NonNullable<BuildFailure["cleanedUp"]>,
  log: BuildLog,
  usedBytes: number,
  request: BuildRequest,
  base: { context: ContextStats; durationMs: number },
): BuildFailure {
  const step = log.steps.at(-1);
  return {
    ok: false,
    reason: "disk",
    message: `the build wrote ${usedBytes} bytes, more than its budget of ${request.diskBytes} bytes`,
    ...(step ? { failingStep: { index: step.index, total: step.total, instruction: step.instruction } } : {}),
    lastLines: step?.lines ?? log.tail,
    diskBytes: request.diskBytes,
    usedBytes,
    ...base,
    cleanedUp,
  };
}

/** A build error about obtaining an image (FROM, `COPY --from=image`), classified; undefined otherwise. */
function pullFailure(instruction: string | undefined, message: string): BuildFailure["pull"] {
  if (!isPullError(instruction, message)) return undefined;
  const image = instruction?.match(/^FROM\s+(?:--\S+\s+)*(\S+)/i)?.[1] ?? "?";
  return { ...classifyPullFailure(message), image };
}

async function readContext(request: BuildRequest) {
  const read = await request.files.readText(".dockerignore").catch(() => undefined);
  const dockerignore = read?.ok
    ? { text: read.text, state: "present" as const }
    : { state: read?.reason === "missing" ? ("absent" as const) : ("unreadable" as const) };
  try {
    return await scanContext(request.root, dockerignore, { maxBytes: request.maxContextBytes });
  } catch (error) {
    return { message: `the build context could not be read: ${(error as Error).message}` };
  }
}

/** Removes the step container a cut build may leave running, then the intermediate images it made. */
async function cleanUp(engine: Engine, log: BuildLog): Promise<NonNullable<BuildFailure["cleanedUp"]>> {
  const container = log.runningContainer;
  if (container) await removeContainer(engine, container);
  const images = await removeIntermediates(engine, log.createdImages);
  return { ...(container ? { container } : {}), images };
}

/**
 * The daemon also removes a cut build's step container, on its own schedule: removal races with it
 * ("removal already in progress"), so wait until the container is really gone (at most 15 s).
 */
async function removeContainer(engine: Engine, id: string): Promise<void> {
  const container = engine.getContainer(id);
  for (let attempt = 0; attempt < 60; attempt++) {
    await removeQuietly(() => container.remove({ force: true }));
    const exists = await container.inspect().then(
      () => true,
      (error) => engineStatus(error) !== 404,
    );
    if (!exists) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The FROM images of a Dockerfile nobody parsed ahead of the build, obtained as the pull policy says. */
async function readAndEnsureBaseImages(request: BuildRequest): Promise<BaseImageState[]> {
  const dockerfile = await request.files.readText(request.dockerfile ?? "Dockerfile").catch(() => undefined);
  if (!dockerfile?.ok) return [];
  return ensureImages(request.engine, baseImages(dockerfile.text), {
    policy: request.pullPolicy,
    log: request.log,
  });
}
