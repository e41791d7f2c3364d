import { type ParseResult, parseDockerfile } from "../dockerfile/parse.js";
import type { BuildPolicy } from "../rubric/types.js";
import { type BaseImageState, ensureImages } from "./base-images.js";
import { type BuildOutcome, type BuildRequest, buildImage } from "./build.js";
import { buildRefusals, namedImages } from "./build-policy.js";
import {
  type BuildSandbox,
  closeBuildSandbox,
  openBuildSandbox,
  pidsLimitMode,
  proxyBuildArgs,
  sandboxMakesObjects,
  stepsUseProxy,
} from "./build-sandbox.js";
import { cacheOnlyVerdict, runStepsKey } from "./cache-only.js";
import { type Engine, engineMessage } from "./engine.js";
import { imageOrigins } from "./image-origin.js";
import { keptLayers } from "./kept-layers.js";

/** The largest file a COPY before a RUN step may copy and still key that step (a requirements file). */
const MAX_KEYED_FILE = 1024 * 1024;

/** The sandbox a build ran in, as the report states it. */
export interface SandboxSummary {
  network: BuildPolicy["network"];
  indexHosts?: string[];
  /** With `stepsRan: false`, how the sandbox would have bound them. */
  pidsLimit: BuildSandbox["pidsLimit"];
  /**
   * False when no RUN step ran (each came from the layer cache, or the build stopped before the first one),
   * so no sandbox was made.
   */
  stepsRan?: false;
}

export type SandboxedBuildRequest = Omit<
  BuildRequest,
  "networkMode" | "buildArgs" | "cgroupParent" | "pidsPerStep" | "diskBytes" | "baseImageStates"
> & {
  policy: BuildPolicy;
  memoryMb: number;
  /** The index-only proxy's outside network (tests); see SandboxSettings. */
  egressNetwork?: string;
  /** Called once the sandbox is ready, before the build starts. */
  onSandbox?: (summary: SandboxSummary) => void;
  /**
   * Given the removal of the sandbox, started when the build is over and not awaited by it (the caller waits
   * for it before its own cleanup).
   */
  onSandboxClosing?: (closed: Promise<void>) => void;
};

/**
 * Every build of a submission goes through here: the pre-build policy on the parsed Dockerfile (ADD of a URL,
 * images that exist only on this engine), then the build in the sandbox the rubric's policy asks for.
 * A Dockerfile the parser cannot read goes to the build unchecked: Docker refuses it for the same reasons
 * (unknown instruction, no FROM), and the student gets the daemon's words.
 */
export async function sandboxedBuild(request: SandboxedBuildRequest): Promise<BuildOutcome> {
  let opened: BuildSandbox | undefined;
  try {
    return await buildInSandbox(request, (sandbox) => {
      opened = sandbox;
    });
  } finally {
    // Whatever the outcome, nothing of the sandbox is used after the build: removed in the background.
    if (opened) request.onSandboxClosing?.(closeBuildSandbox(request.engine, opened).catch(() => undefined));
  }
}

async function buildInSandbox(
  request: SandboxedBuildRequest,
  onOpened: (sandbox: BuildSandbox) => void,
): Promise<BuildOutcome> {
  const started = Date.now();
  const read = await request.files.readText(request.dockerfile ?? "Dockerfile").catch(() => undefined);
  const parsed = read?.ok ? parseDockerfile(read.text) : undefined;
  // Past the instruction cap nothing is parsed, so nothing could be checked: such a file is not built.
  if (parsed && !parsed.ok && parsed.problem.reason === "tooManyInstructions") {
    const { count, max } = parsed.problem;
    return {
      ok: false,
      reason: "failed",
      message: `the Dockerfile holds about ${count} instructions; dockgrade builds at most ${max}`,
      lastLines: [],
      durationMs: Date.now() - started,
    };
  }
  const stepsKey = parsed?.ok
    ? await runStepsKey(
        parsed.dockerfile,
        async (rel) => {
          const read = await request.files
            .readBytes(rel, { maxBytes: MAX_KEYED_FILE })
            .catch(() => undefined);
          return read?.ok ? read.bytes : undefined;
        },
        { buildArgs: stepsUseProxy(request.policy) },
      )
    : undefined;
  const turn = await takeTurn(request, stepsKey);
  try {
    return await buildAsDecided(
      request,
      { parsed, stepsKey, cacheFirst: turn.cacheFirst, started },
      onOpened,
    );
  } finally {
    turn.done();
  }
}

/**
 * Whether a build is first tried from the cache alone (`cacheOnlyBuild`): it has no RUN step, or, in a class
 * keeping its layers, an earlier build of the class ran the same steps (the same instructions up to the last
 * RUN, the same files copied before them) and their layers are kept — and only where a sandbox makes objects
 * (elsewhere it costs nothing). A build whose steps another build of the class is running now waits for it
 * first, then takes its layers: the classic builder shares no step in progress, so the first wave of a class
 * would otherwise run the same pip step once per build, side by side. `done` ends this build's turn.
 */
async function takeTurn(
  request: SandboxedBuildRequest,
  stepsKey: string | undefined,
): Promise<{ cacheFirst: boolean; done: () => void }> {
  const { engine } = request;
  const makesObjects = await sandboxMakesObjects(engine, request.policy);
  const keyed = stepsKey !== "none" && keptLayers.active ? stepsKey : undefined;
  const ahead = keyed ? buildsInFlight.get(keyed) : undefined;
  if (ahead) await settledOrAborted(ahead, request.signal);
  // From here to the registration below nothing is awaited: no two builds both see none in flight.
  const cacheFirst =
    !request.noCache &&
    !refusesMissingNetworks.has(engine) &&
    (stepsKey === "none" || (keyed !== undefined && keptLayers.keepsSteps(keyed))) &&
    makesObjects;
  if (!keyed || cacheFirst || buildsInFlight.has(keyed)) return { cacheFirst, done: () => {} };
  let done = () => {};
  buildsInFlight.set(
    keyed,
    new Promise<void>((resolve) => {
      done = () => {
        buildsInFlight.delete(keyed);
        resolve();
      };
    }),
  );
  return { cacheFirst, done };
}

/**
 * The pre-build policy, then the build: tried from the cache alone first when `cacheFirst`, else (or when a
 * RUN step had to run) in the sandbox, prepared while the policy is decided (both take a few hundred
 * milliseconds). Every return waits for the sandbox, so nothing of it is created after this build has
 * answered.
 */
async function buildAsDecided(
  request: SandboxedBuildRequest,
  decided: {
    parsed: ParseResult | undefined;
    stepsKey: string | undefined;
    cacheFirst: boolean;
    started: number;
  },
  onOpened: (sandbox: BuildSandbox) => void,
): Promise<BuildOutcome> {
  const { engine, policy } = request;
  const { parsed, stepsKey, cacheFirst, started } = decided;
  type Prepared = { ok: true; sandbox: BuildSandbox } | { ok: false; error: unknown };
  const prepare = (): Promise<Prepared> =>
    openBuildSandbox(engine, {
      runId: request.runId,
      policy,
      memoryMb: request.memoryMb,
      egressNetwork: request.egressNetwork,
      signal: request.signal ?? new AbortController().signal,
    }).then(
      (sandbox) => {
        onOpened(sandbox);
        return { ok: true, sandbox };
      },
      (error: unknown) => ({ ok: false, error }),
    );
  let prepared = cacheFirst ? undefined : prepare();
  // The FROM images as obtained here, handed to the build so it does not look them up again.
  let baseImageStates: BaseImageState[] | undefined;
  if (parsed?.ok) {
    try {
      const images = namedImages(parsed.dockerfile);
      const named = images.map((image) => image.reference);
      // Public images missing here are pulled first, so what stays without a registry digest is local.
      // A pull that fails is left for the build, which classifies it (student's FROM or harness's registry).
      const literal = (reference: string) => !reference.includes("$");
      const wanted = [...new Set(named.filter(literal))];
      const states = await ensureImages(engine, wanted, { policy: request.pullPolicy, log: request.log });
      const byReference = new Map(wanted.map((reference, i) => [reference, states[i] as BaseImageState]));
      const fromImages = images
        .filter((image) => image.instruction === "FROM")
        .map((image) => image.reference);
      baseImageStates = [...new Set(fromImages.filter(literal))].flatMap((ref) => byReference.get(ref) ?? []);
      const origins = await imageOrigins(engine, named);
      const refusals = buildRefusals(parsed.dockerfile, origins, policy.allowedBases);
      if (refusals.length > 0) {
        await prepared;
        return {
          ok: false,
          reason: "refused",
          message: refusals.map((r) => `line ${r.line}: ${r.instruction} ${r.source} (${r.kind})`).join("; "),
          refusals,
          lastLines: [],
          durationMs: Date.now() - started,
        };
      }
    } catch (error) {
      await prepared;
      return engineFailure(`the images the Dockerfile names could not be looked up: ${engineMessage(error)}`);
    }
  }
  const summary = {
    network: policy.network,
    ...(policy.network === "index-only" ? { indexHosts: policy.indexHosts } : {}),
  };
  // What the cache-only attempt made, kept in the run's lease with what the build makes after it.
  let earlier: { containers: readonly string[]; images: readonly string[] } = {
    containers: [],
    images: [],
  };
  if (cacheFirst) {
    const attempt = await cacheOnlyBuild({ ...request, ...(baseImageStates ? { baseImageStates } : {}) });
    if (attempt.final) {
      request.onSandbox?.({ ...summary, pidsLimit: await pidsLimitMode(engine), stepsRan: false });
      return { ...attempt.outcome, durationMs: Date.now() - started };
    }
    // The layers were not all there (another process removed them meanwhile, or never were): built below.
    earlier = attempt.objects;
    prepared = prepare();
  }
  const ready = await (prepared as Promise<Prepared>);
  if (!ready.ok)
    return engineFailure(`the build sandbox could not be prepared: ${engineMessage(ready.error)}`);
  const { sandbox } = ready;
  request.onSandbox?.({ ...summary, pidsLimit: sandbox.pidsLimit });
  const outcome = await buildImage({
    ...request,
    ...(baseImageStates ? { baseImageStates } : {}),
    cpus: policy.cpus,
    ...(sandbox.networkMode ? { networkMode: sandbox.networkMode } : {}),
    buildArgs: sandbox.buildArgs,
    ...(sandbox.cgroupParent ? { cgroupParent: sandbox.cgroupParent } : {}),
    // Also with a cgroup parent: the holder bounds all steps together, this bounds each one.
    pidsPerStep: policy.pids,
    diskBytes: policy.diskMb * 1024 * 1024,
    onObjects: (objects) =>
      request.onObjects?.({
        containers: [...earlier.containers, ...objects.containers],
        images: [...earlier.images, ...objects.images],
      }),
  });
  if (outcome.ok && stepsKey !== undefined && stepsKey !== "none") keptLayers.rememberSteps(stepsKey);
  return { ...outcome, durationMs: Date.now() - started };

  function engineFailure(message: string): BuildOutcome {
    return { ok: false, reason: "engine", message, lastLines: [], durationMs: Date.now() - started };
  }
}

/**
 * Engines that refused the cache-only attempt's network before a RUN step (they check a step container's
 * network when it is created, not when it starts): no more such attempts there.
 */
const refusesMissingNetworks = new WeakSet<Engine>();

/** The builds of this process running now, by the key of their RUN steps (classes keeping their layers). */
const buildsInFlight = new Map<string, Promise<void>>();

/** Resolves when `work` settles or `signal` aborts, whichever comes first; never rejects. */
function settledOrAborted(work: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal?.removeEventListener("abort", done);
      resolve();
    };
    signal?.addEventListener("abort", done, { once: true });
    work.then(done, done);
  });
}

/**
 * The build tried with every RUN step barred from running: its step containers are given a network that
 * does not exist, and the engine refuses to start a container on it before any process of it runs (the
 * classic builder still creates, without starting, the containers it commits metadata steps from, and
 * COPY runs nothing). When every RUN step's layer is in the engine's build cache (a class sharing its
 * requirements) the image is built with no step run and no sandbox: its networks and its container (about
 * a third of a second of the engine's CPU, and more on the build's path) are spared. How its outcome is
 * read: `cacheOnlyVerdict`. When a RUN step had to run, what the try made is removed as after any failed
 * build, and the build is done again in its sandbox.
 */
async function cacheOnlyBuild(
  request: SandboxedBuildRequest,
): Promise<
  | { final: true; outcome: BuildOutcome }
  | { final: false; objects: { containers: readonly string[]; images: readonly string[] } }
> {
  const nowhere = `dockgrade-${request.runId}-no-step-runs`;
  let objects: { containers: readonly string[]; images: readonly string[] } = { containers: [], images: [] };
  const outcome = await buildImage({
    ...request,
    cpus: request.policy.cpus,
    networkMode: nowhere,
    // The same build args as the sandbox's, for the same cache keys; no step can use them.
    buildArgs: stepsUseProxy(request.policy) ? proxyBuildArgs(`http://${nowhere}:3128`) : {},
    diskBytes: request.policy.diskMb * 1024 * 1024,
    onObjects: (seen) => {
      objects = { containers: [...seen.containers], images: [...seen.images] };
      request.onObjects?.(seen);
    },
  });
  const verdict = cacheOnlyVerdict(outcome, nowhere);
  if (verdict === "final") return { final: true, outcome };
  if (verdict === "refused early") refusesMissingNetworks.add(request.engine);
  return { final: false, objects };
}
