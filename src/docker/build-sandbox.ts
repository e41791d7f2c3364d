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
   * `cgroup-parent`: every RUN step runs inside a holder container's cgroup (an index-only build's egress
   * proxy is that holder), whose PID, memory and CPU limits bound all of them together (cgroup v1 with the
   * cgroupfs driver). `per-step`: the PID limit is set on each step container as the builder announces it
   * (every other engine: see docs/SECURITY.md for the window).
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
 *
 * Where both are needed (an index-only build on cgroup v1 with the cgroupfs driver), the egress proxy is also
 * the limits holder: one container, whose cgroup is the RUN steps' parent (each container start costs the
 * engine about 0.3 s of CPU, on every submission). The proxy's threads, memory and CPU then count inside the
 * build's own limits: a RUN step that exhausts the build's PIDs or memory can starve its own build's proxy
 * (its downloads fail), never another student's.
 */
export async function openBuildSandbox(engine: Engine, settings: SandboxSettings): Promise<BuildSandbox> {
  const { policy } = settings;
  const base = { network: policy.network, pids: policy.pids };
  if (!stepsUseProxy(policy)) {
    const limits = await limitsHolder(engine, settings, await cgroupParentPossible(engine));
    return {
      ...base,
      ...limits,
      ...(policy.network === "closed" ? { networkMode: "none" } : {}),
      buildArgs: {},
    };
  }
  // The engine's cgroup setup is asked while the networks are made (each is on the build's path).
  const [holds, networks] = await settleBoth(cgroupParentPossible(engine), proxyNetworks(engine, settings));
  // Without a holder of their own, the proxy's PIDs and memory are bounded apart from the build's.
  const limits = holds
    ? buildLimits(settings)
    : { Memory: 128 * MiB, MemorySwap: 128 * MiB, PidsLimit: PROXY_PIDS };
  const proxy = await startProxy(engine, settings, networks, limits, holds);
  const url = `http://${proxy.ip}:${PROXY_PORT}`;
  const made = { containers: [proxy.name], networks: networks.made };
  const pidsLimit = proxy.cgroupParent ? ("cgroup-parent" as const) : ("per-step" as const);
  return {
    ...base,
    networkMode: networks.internal,
    buildArgs: proxyBuildArgs(url),
    pidsLimit,
    ...(proxy.cgroupParent ? { cgroupParent: proxy.cgroupParent } : {}),
    made,
  };
}

/**
 * Whether a build's RUN steps reach the package index through a proxy of the sandbox, given to them as
 * build args (`proxyBuildArgs`): an index-only build's do. The sandbox, the cache-only try and the key of
 * a build's steps all follow this one answer (the classic builder keys RUN steps by whether build args
 * are given).
 */
export function stepsUseProxy(policy: Pick<BuildPolicy, "network">): boolean {
  return policy.network === "index-only";
}

/**
 * The build args that send an index-only build's RUN steps through its proxy at `url`. The classic builder
 * keys a RUN step's layer cache by whether build args were given, not by these predefined ones' values: a
 * build given them (whatever the proxy's address) reuses the layers of another given them, never those of a
 * build given none.
 */
export function proxyBuildArgs(url: string): Record<string, string> {
  return { HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url, NO_PROXY: "", no_proxy: "" };
}

/**
 * Removes what `openBuildSandbox` made (its holder or proxy, then their networks), as soon as the build is
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

/** The index-only build's internal network and the proxy's way out (made side by side). */
async function proxyNetworks(engine: Engine, settings: SandboxSettings): Promise<ProxyNetworks> {
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
  const made = settings.egressNetwork === undefined ? [internal, egress] : [internal];
  return { internal, egress, made };
}

interface ProxyNetworks {
  internal: string;
  egress: string;
  /** The ones made here (a test's egress network is not). */
  made: string[];
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

/** The PIDs of a proxy that is not the build's limits holder (its threads: one a connection). */
const PROXY_PIDS = 64;

/** The build's limits on a container: RUN steps under its cgroup share them (cgroup-parent mode). */
function buildLimits(settings: SandboxSettings) {
  const memory = settings.memoryMb * MiB;
  return {
    Memory: memory,
    MemorySwap: memory,
    NanoCpus: Math.round(settings.policy.cpus * 1e9),
    PidsLimit: settings.policy.pids,
  };
}

/**
 * Whether RUN steps can run under a holder's cgroup: cgroup v1 with the cgroupfs driver. Elsewhere (cgroup v2
 * forbids children under a cgroup that holds a process; the systemd driver wants slices whose limits the API
 * cannot set) the PID limit is set per step.
 */
function cgroupParentPossible(engine: Engine): Promise<boolean> {
  let answer = cgroupSetups.get(engine);
  if (!answer) {
    answer = engine.info().then((info: { CgroupDriver?: string; CgroupVersion?: string }) => {
      return info.CgroupDriver === "cgroupfs" && info.CgroupVersion === "1";
    });
    // A failed answer is not kept: the next build asks again.
    answer.catch(() => cgroupSetups.delete(engine));
    cgroupSetups.set(engine, answer);
  }
  return answer;
}

/** The engine's cgroup setup, asked once per client (it does not change while the daemon runs). */
const cgroupSetups = new WeakMap<Engine, Promise<boolean>>();

/**
 * Whether a build under this policy needs objects made for it (a holder, a proxy, networks), or runs as it
 * is (a closed or open network where the PID limit is set per step).
 */
export async function sandboxMakesObjects(engine: Engine, policy: BuildPolicy): Promise<boolean> {
  return stepsUseProxy(policy) || (await cgroupParentPossible(engine));
}

/** How a sandbox on this engine bounds the PIDs of RUN steps (see `BuildSandbox.pidsLimit`). */
export async function pidsLimitMode(engine: Engine): Promise<BuildSandbox["pidsLimit"]> {
  return (await cgroupParentPossible(engine)) ? "cgroup-parent" : "per-step";
}

/**
 * The egress proxy: on the outside network first, then attached to the build's internal one. With `holds`,
 * it is also the build's limits holder (its `limits` are the build's): its cgroup, read once it runs, is
 * the RUN steps' parent. Returns its name, its IP on the internal network and that cgroup.
 */
async function startProxy(
  engine: Engine,
  settings: SandboxSettings,
  networks: ProxyNetworks,
  limits: { Memory: number; MemorySwap: number; NanoCpus?: number; PidsLimit: number },
  holds: boolean,
) {
  const { internal, egress } = networks;
  const name = `dockgrade-${settings.runId}-${holds ? "sandbox" : "proxy"}`;
  const container = await engine.createContainer({
    name,
    Image: HELPER_IMAGE,
    Cmd: ["python", "-u", "-c", EGRESS_PROXY_SCRIPT],
    Env: [`DOCKGRADE_ALLOW=${settings.policy.indexHosts.join(",")}`, `DOCKGRADE_PROXY_PORT=${PROXY_PORT}`],
    User: "65534:65534",
    Labels: resourceLabels(settings.runId, "container"),
    HostConfig: { ...HARDENED, NetworkMode: egress, ...limits },
  });
  await engine.getNetwork(internal).connect({ Container: container.id });
  await container.start();
  // Its cgroup is read while its Python starts (both are on the build's path).
  const [said, cgroupParent] = await settleBoth(
    proxyReady(container),
    holds ? pidsCgroup(engine, container.id) : Promise.resolve(undefined),
  );
  const info = await container.inspect();
  if (!info.State.Running)
    throw new Error(`the build's egress proxy stopped: ${Buffer.concat(said).toString("utf8").slice(-500)}`);
  const ip = info.NetworkSettings.Networks[internal]?.IPAddress;
  if (!ip) throw new Error("the build's egress proxy has no address on the build network");
  return { name, ip, cgroupParent };
}

/** Waits for the proxy's first line, its output followed as it comes (no polling); returns what it said. */
async function proxyReady(container: ReturnType<Engine["getContainer"]>): Promise<Buffer[]> {
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
  if (ready === "stopped")
    throw new Error(`the build's egress proxy stopped: ${Buffer.concat(said).toString("utf8").slice(-500)}`);
  return said;
}

/**
 * Where RUN steps can run under a holder's cgroup and no proxy is needed (closed and open networks), a holder
 * container that sleeps, with the build's limits: RUN steps get its cgroup as their parent, so PIDs, memory
 * and CPU are bounded for all of them together, from the first instruction of each step.
 */
async function limitsHolder(
  engine: Engine,
  settings: SandboxSettings,
  possible: boolean,
): Promise<Pick<BuildSandbox, "pidsLimit" | "cgroupParent" | "made">> {
  if (!possible) return { pidsLimit: "per-step", made: NOTHING_MADE };
  const name = `dockgrade-${settings.runId}-limits`;
  const container = await engine.createContainer({
    name,
    Image: HELPER_IMAGE,
    Cmd: ["sleep", "infinity"],
    User: "65534:65534",
    Labels: resourceLabels(settings.runId, "container"),
    HostConfig: { ...HARDENED, NetworkMode: "none", ...buildLimits(settings) },
  });
  await container.start();
  const path = await pidsCgroup(engine, container.id);
  const made = { containers: [name], networks: [] };
  return path ? { pidsLimit: "cgroup-parent", cgroupParent: path, made } : { pidsLimit: "per-step", made };
}

/** A holder's pids cgroup path as its PID 1 sees it (`/docker/<id>`); undefined behind a cgroup namespace. */
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
