import { parseDockerfile } from "../dockerfile/parse.js";
import type { BuildPolicy } from "../rubric/types.js";
import { type BaseImageState, ensureImages } from "./base-images.js";
import { type BuildOutcome, type BuildRequest, buildImage } from "./build.js";
import { buildRefusals, namedImages } from "./build-policy.js";
import { type BuildSandbox, closeBuildSandbox, openBuildSandbox } from "./build-sandbox.js";
import { engineMessage } from "./engine.js";
import { imageOrigins } from "./image-origin.js";

/** The sandbox a build ran in, as the report states it. */
export interface SandboxSummary {
  network: BuildPolicy["network"];
  indexHosts?: string[];
  pidsLimit: BuildSandbox["pidsLimit"];
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
  const { engine, policy } = request;
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
  // The sandbox is prepared while the policy is decided (both take a few hundred milliseconds). Every
  // return waits for it, so nothing of it is created after this build has answered.
  type Prepared = { ok: true; sandbox: BuildSandbox } | { ok: false; error: unknown };
  const prepared: Promise<Prepared> = openBuildSandbox(engine, {
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
  const ready = await prepared;
  if (!ready.ok)
    return engineFailure(`the build sandbox could not be prepared: ${engineMessage(ready.error)}`);
  const { sandbox } = ready;
  request.onSandbox?.({
    network: sandbox.network,
    ...(sandbox.network === "index-only" ? { indexHosts: policy.indexHosts } : {}),
    pidsLimit: sandbox.pidsLimit,
  });
  return buildImage({
    ...request,
    ...(baseImageStates ? { baseImageStates } : {}),
    cpus: policy.cpus,
    ...(sandbox.networkMode ? { networkMode: sandbox.networkMode } : {}),
    buildArgs: sandbox.buildArgs,
    ...(sandbox.cgroupParent ? { cgroupParent: sandbox.cgroupParent } : {}),
    // Also with a cgroup parent: the holder bounds all steps together, this bounds each one.
    pidsPerStep: policy.pids,
    diskBytes: policy.diskMb * 1024 * 1024,
  });

  function engineFailure(message: string): BuildOutcome {
    return { ok: false, reason: "engine", message, lastLines: [], durationMs: Date.now() - started };
  }
}
