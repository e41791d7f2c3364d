import type { BuildPolicy } from "../rubric/types.js";
import { retryWhilePoolsExhausted } from "./address-pools.js";
import { demultiplex } from "./demux.js";
import { EGRESS_PROXY_SCRIPT } from "./egress-proxy-script.js";
import { type Engine, engineMessage, removeQuietly } from "./engine.js";
import { resourceLabels } from "./labels.js";

/** The image the harness runs its own helpers (egress proxy, limits holder) from: any Python 3.8+ image. */
export const HELPER_IMAGE = "python:3.12-slim";
const PROXY_PORT = 3128;
const MiB = 1024 * 1024;

export interface SandboxSettings {
  runId: string;
  policy: BuildPolicy;
  /** Memory of the build's RUN steps, all together (MB). */
  memoryMb: number;
  /**
   * The network the index-only proxy reaches the index through. Default: a bridge of the run's own with
   * outbound NAT. Tests pass a network of theirs that holds a package index and leads nowhere else.
   */
  egressNetwork?: string;
  signal: AbortSignal;
}

/** What a build needs to run inside the sandbox, and what the report says about it. */
export interface BuildSandbox {
  network: BuildPolicy["network"];
  /** The classic builder's `networkmode`: `none`, the run's internal network, or absent (the engine's). */
  networkMode?: string;
  /** `HTTP_PROXY` & co (predefined build args: RUN steps see them without an ARG line, history does not). */
  buildArgs: Record<string, string>;
  /**
   * `cgroup-parent`: every RUN step runs inside a holder container's cgroup, whose PID, memory and CPU limits
   * bound all of them together (cgroup v1 with the cgroupfs driver). `per-step`: the PID limit is set on each
   * step container as the builder announces it (every other engine: see docs/SECURITY.md for the window).
   */
  pidsLimit: "cgroup-parent" | "per-step";
  cgroupParent?: string;
  pids: number;
  /** The containers and networks it made (names), for `closeBuildSandbox`. */
  made: { containers: readonly string[]; networks: readonly string[] };
}

/** What a sandbox without a holder or a proxy made. */
const NOTHING_MADE: BuildSandbox["made"] = { containers: [], networks: [] };

/**
 * Prepares what the build's RUN steps run in, per the rubric's policy. Every object is labelled with the run
 * id, so the session's close removes it with the rest. Throws (the harness's problem) when it cannot.
 */
export async function openBuildSandbox(engine: Engine, settings: SandboxSettings): Promise<BuildSandbox> {
  const { policy } = settings;
  // The limits holder and the network side are independent: made side by side (each is on a build's path).
  const [limits, network] = await settleBoth(
    limitsHolder(engine, settings),
    sandboxNetwork(engine, settings),
  );
  const made = {
    containers: [...limits.made.containers, ...network.made.containers],
    networks: network.made.networks,
  };
  return { ...limits, ...network, network: policy.network, pids: policy.pids, made };
}

/**
 * Removes what `openBuildSandbox` made (its holder, its proxy, then their networks), as soon as the build is
 * over: they serve no check after it, and removing them then, while the containers are being checked, takes
 * their removal off the end of the grading. What fails to go (or what a sandbox that failed half-way made) is
 * left for the session's close, which removes every object labelled with the run.
 */
export async function closeBuildSandbox(engine: Engine, sandbox: Pick<BuildSandbox, "made">): Promise<void> {
  const { containers, networks } = sandbox.made;
  await Promise.all(
    containers.map((name) => removeQuietly(() => engine.getContainer(name).remove({ force: true, v: true }))),
  );
  await Promise.all(networks.map((name) => removeQuietly(() => engine.getNetwork(name).remove())));
}

/** Both results, or the first failure once neither is still creating objects (the session removes them). */
async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === "rejected") throw first.reason;
  if (second.status === "rejected") throw second.reason;
  return [first.value, second.value];
}

async function sandboxNetwork(
  engine: Engine,
  settings: SandboxSettings,
): Promise<Pick<BuildSandbox, "networkMode" | "buildArgs" | "made">> {
  const { policy } = settings;
  if (policy.network === "open") return { buildArgs: {}, made: NOTHING_MADE };
  if (policy.network === "closed") return { networkMode: "none", buildArgs: {}, made: NOTHING_MADE };
  const [internal, egress] = await settleBoth(
    createNetwork(engine, settings, "build", {
      Internal: true,
      // No address on the host's side of the bridge: the host (and, through it, anything else) is not even
      // a neighbour; the only peers are the proxy and the build's own step containers.
      Options: { "com.docker.network.bridge.inhibit_ipv4": "true" },
    }),
    settings.egressNetwork !== undefined
      ? Promise.resolve(settings.egressNetwork)
      : createNetwork(engine, settings, "egress", { Internal: false, Options: {} }),
  );
  const { name: proxy, ip: proxyIp } = await startProxy(engine, settings, internal, egress);
  const url = `http://${proxyIp}:${PROXY_PORT}`;
  const buildArgs = {
    HTTP_PROXY: url,
    HTTPS_PROXY: url,
    http_proxy: url,
    https_proxy: url,
    NO_PROXY: "",
    no_proxy: "",
  };
  const networks = settings.egressNetwork === undefined ? [internal, egress] : [internal];
  return { networkMode: internal, buildArgs, made: { containers: [proxy], networks } };
}

async function createNetwork(
  engine: Engine,
  settings: SandboxSettings,
  role: string,
  extra: { Internal: boolean; Options: Record<string, string> },
): Promise<string> {
  const name = `dockgrade-${settings.runId}-${role}`;
  const create = () =>
    engine.createNetwork({
      Name: name,
      Driver: "bridge",
      CheckDuplicate: true,
      ...extra,
      Labels: resourceLabels(settings.runId, "network"),
    });
  await retryWhilePoolsExhausted(create, settings.signal).catch((error) => {
    throw new Error(`the build network ${name} could not be created: ${engineMessage(error)}`);
  });
  return name;
}

const HARDENED = {
  ReadonlyRootfs: true,
  CapDrop: ["ALL"],
  SecurityOpt: ["no-new-privileges"],
  LogConfig: { Type: "json-file", Config: { "max-size": "256k", "max-file": "1" } },
  RestartPolicy: { Name: "no" },
};

/** The egress proxy: on the outside network first, then attached to the build's internal one. Returns its IP there. */
async function startProxy(engine: Engine, settings: SandboxSettings, internal: string, egress: string) {
  const name = `dockgrade-${settings.runId}-proxy`;
  const container = await engine.createContainer({
    name,
    Image: HELPER_IMAGE,
    Cmd: ["python", "-u", "-c", EGRESS_PROXY_SCRIPT],
    Env: [`DOCKGRADE_ALLOW=${settings.policy.indexHosts.join(",")}`, `DOCKGRADE_PROXY_PORT=${PROXY_PORT}`],
    User: "65534:65534",
    Labels: resourceLabels(settings.runId, "container"),
    HostConfig: { ...HARDENED, NetworkMode: egress, Memory: 128 * MiB, MemorySwap: 128 * MiB, PidsLimit: 64 },
  });
  await engine.getNetwork(internal).connect({ Container: container.id });
  await container.start();
  // Its output followed as it comes (no polling): ready at its first line, stopped when the stream ends.
  const logs = (await container.logs({ follow: true, stdout: true, stderr: true })) as NodeJS.ReadableStream &
    Partial<{ destroy(): void }>;
  const said: Buffer[] = [];
  const ready = await new Promise<"ready" | "stopped" | "late">((resolve) => {
    const timer = setTimeout(() => resolve("late"), 15_000);
    const settle = (outcome: "ready" | "stopped" | "late") => {
      clearTimeout(timer);
      resolve(outcome);
    };
    logs.on("data", (chunk: Buffer) => {
      said.push(Buffer.from(chunk));
      if (Buffer.concat(said).includes("dockgrade egress proxy on port")) settle("ready");
    });
    logs.on("end", () => settle("stopped"));
    logs.on("error", () => settle("stopped"));
  });
  logs.destroy?.();
  if (ready === "late") throw new Error("the build's egress proxy did not start within 15 s");
  const info = await container.inspect();
  if (ready === "stopped" || !info.State.Running)
    throw new Error(`the build's egress proxy stopped: ${Buffer.concat(said).toString("utf8").slice(-500)}`);
  const ip = info.NetworkSettings.Networks[internal]?.IPAddress;
  if (!ip) throw new Error("the build's egress proxy has no address on the build network");
  return { name, ip };
}

/**
 * On cgroup v1 with the cgroupfs driver, a holder container that sleeps, with the build's limits:
 * RUN steps get its cgroup as their parent, so PIDs, memory and CPU are bounded for all of them together,
 * from the first instruction of each step. Elsewhere (cgroup v2 forbids children under a cgroup that holds a
 * process; the systemd driver wants slices whose limits the API cannot set) the PID limit is set per step.
 */
async function limitsHolder(
  engine: Engine,
  settings: SandboxSettings,
): Promise<Pick<BuildSandbox, "pidsLimit" | "cgroupParent" | "made">> {
  const info = (await engine.info()) as { CgroupDriver?: string; CgroupVersion?: string };
  if (info.CgroupDriver !== "cgroupfs" || info.CgroupVersion !== "1")
    return { pidsLimit: "per-step", made: NOTHING_MADE };
  const { policy } = settings;
  const name = `dockgrade-${settings.runId}-limits`;
  const container = await engine.createContainer({
    name,
    Image: HELPER_IMAGE,
    Cmd: ["sleep", "infinity"],
    User: "65534:65534",
    Labels: resourceLabels(settings.runId, "container"),
    HostConfig: {
      ...HARDENED,
      NetworkMode: "none",
      Memory: settings.memoryMb * MiB,
      MemorySwap: settings.memoryMb * MiB,
      NanoCpus: Math.round(policy.cpus * 1e9),
      PidsLimit: policy.pids,
    },
  });
  await container.start();
  const path = await pidsCgroup(engine, container.id);
  const made = { containers: [name], networks: [] };
  return path ? { pidsLimit: "cgroup-parent", cgroupParent: path, made } : { pidsLimit: "per-step", made };
}

/** The holder's pids cgroup path as its PID 1 sees it (`/docker/<id>`); undefined behind a cgroup namespace. */
async function pidsCgroup(engine: Engine, id: string): Promise<string | undefined> {
  const exec = await engine.getContainer(id).exec({ Cmd: ["cat", "/proc/1/cgroup"], AttachStdout: true });
  const stream = await exec.start({ Detach: false, Tty: false });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  const lines = demultiplex(Buffer.concat(chunks), 64 * 1024).stdout.split("\n");
  const path = lines
    .find((line) => /^\d+:pids:/.test(line))
    ?.replace(/^\d+:pids:/, "")
    .trim();
  return path && path !== "/" && path.includes(id) ? path : undefined;
}
