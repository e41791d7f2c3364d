import type { BuildPolicy } from "../rubric/types.js";
import { retryWhilePoolsExhausted } from "./address-pools.js";
import { demultiplex } from "./demux.js";
import { EGRESS_PROXY_SCRIPT } from "./egress-proxy-script.js";
import { type Engine, engineMessage } from "./engine.js";
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
}

/**
 * Prepares what the build's RUN steps run in, per the rubric's policy. Every object is labelled with the run
 * id, so the session's close removes it with the rest. Throws (the harness's problem) when it cannot.
 */
export async function openBuildSandbox(engine: Engine, settings: SandboxSettings): Promise<BuildSandbox> {
  const { policy } = settings;
  const filtered = policy.network !== "open" && policy.network !== "closed";
  // The limits holder and the proxy (its two networks, then itself) do not depend on each other: made side by
  // side, they no longer come one after the other before the build (about half a second of it, here).
  const [limits, proxy] = await allSettled([
    limitsHolder(engine, settings),
    filtered ? proxyOnItsNetworks(engine, settings) : Promise.resolve(undefined),
  ] as const);
  const base = { network: policy.network, pids: policy.pids, ...limits };
  if (!proxy)
    return policy.network === "closed"
      ? { ...base, networkMode: "none", buildArgs: {} }
      : { ...base, buildArgs: {} };
  const url = `http://${proxy.ip}:${PROXY_PORT}`;
  const buildArgs = {
    HTTP_PROXY: url,
    HTTPS_PROXY: url,
    http_proxy: url,
    https_proxy: url,
    NO_PROXY: "",
    no_proxy: "",
  };
  return { ...base, networkMode: proxy.internal, buildArgs };
}

/** The build's internal network and the way out, then the proxy between them; its address on the first. */
async function proxyOnItsNetworks(engine: Engine, settings: SandboxSettings) {
  const [internal, egress] = await allSettled([
    createNetwork(engine, settings, "build", {
      Internal: true,
      // No address on the host's side of the bridge: the host (and, through it, anything else) is not even
      // a neighbour; the only peers are the proxy and the build's own step containers.
      Options: { "com.docker.network.bridge.inhibit_ipv4": "true" },
    }),
    settings.egressNetwork ?? createNetwork(engine, settings, "egress", { Internal: false, Options: {} }),
  ] as const);
  return { internal, ip: await startProxy(engine, settings, internal, egress) };
}

/**
 * Like Promise.all, but rejects (with the first failure) only once every promise has settled: nothing is
 * still being created when the session's close removes what the run made.
 */
async function allSettled<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
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
  const container = await engine.createContainer({
    name: `dockgrade-${settings.runId}-proxy`,
    Image: HELPER_IMAGE,
    Cmd: ["python", "-u", "-c", EGRESS_PROXY_SCRIPT],
    Env: [`DOCKGRADE_ALLOW=${settings.policy.indexHosts.join(",")}`, `DOCKGRADE_PROXY_PORT=${PROXY_PORT}`],
    User: "65534:65534",
    Labels: resourceLabels(settings.runId, "container"),
    HostConfig: { ...HARDENED, NetworkMode: egress, Memory: 128 * MiB, MemorySwap: 128 * MiB, PidsLimit: 64 },
  });
  await engine.getNetwork(internal).connect({ Container: container.id });
  await container.start();
  for (let waited = 0; waited < 15_000; waited += 100) {
    const logs = String(await container.logs({ stdout: true, stderr: true }));
    if (logs.includes("dockgrade egress proxy on port")) {
      const info = await container.inspect();
      const ip = info.NetworkSettings.Networks[internal]?.IPAddress;
      if (!ip) throw new Error("the build's egress proxy has no address on the build network");
      return ip;
    }
    if (!(await container.inspect()).State.Running)
      throw new Error(`the build's egress proxy stopped: ${logs.slice(-500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the build's egress proxy did not start within 15 s");
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
): Promise<Pick<BuildSandbox, "pidsLimit" | "cgroupParent">> {
  const info = (await engine.info()) as { CgroupDriver?: string; CgroupVersion?: string };
  if (info.CgroupDriver !== "cgroupfs" || info.CgroupVersion !== "1") return { pidsLimit: "per-step" };
  const { policy } = settings;
  const container = await engine.createContainer({
    name: `dockgrade-${settings.runId}-limits`,
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
  return path ? { pidsLimit: "cgroup-parent", cgroupParent: path } : { pidsLimit: "per-step" };
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
