import net from "node:net";
import type { Bilingual, Trace } from "../i18n/text.js";
import {
  type Engine,
  engineMessage,
  engineStatus,
  inspectImageIfPresent,
  localSocket,
  removeQuietly,
} from "./engine.js";
import { LABEL, newRunId, resourceLabels } from "./labels.js";
import type { PullPolicy } from "./pull-policy.js";
import { dockerTrace } from "./trace-messages.js";

/**
 * Ryuk, testcontainers' reaper, as a second line behind leases and `dockgrade gc`: a container that holds
 * a TCP connection from this process and, once every connection is closed (the process ended, even by
 * SIGKILL) and a reconnection delay passed, removes every container, network, volume and image matching
 * the filters it was sent. Each run of the process is sent as `label=dockgrade.run=<runId>`, so a killed
 * run's objects go within seconds even if dockgrade never runs again, and never another process's.
 *
 * testcontainers' own `getReaper` is not used: it registers only its session label (our objects would have
 * to carry the process's session id, and a reused reaper is shared by every process on the engine, so a
 * dead process's objects would wait for all of them), it pulls on the caller's path and retries the pull at
 * every call, and it loads testcontainers (a third of a second of CPU). Its settings are honoured:
 * `TESTCONTAINERS_RYUK_DISABLED=true`, `RYUK_CONTAINER_IMAGE`, `TESTCONTAINERS_RYUK_PRIVILEGED`,
 * `TESTCONTAINERS_RYUK_RECONNECTION_TIMEOUT`, `TESTCONTAINERS_RYUK_VERBOSE`,
 * `TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE`. Protocol: https://github.com/testcontainers/moby-ryuk
 */

/** The image testcontainers 12.0.4 starts (reaper.test.ts keeps the two equal). */
export const DEFAULT_REAPER_IMAGE = "testcontainers/ryuk:0.14.0";

/**
 * The reapers' own network: a bridge without NAT and without traffic between its containers. On the
 * default bridge, a build step of the `open` network policy could reach a reaper and send it filters
 * naming anything on the engine; no student container is ever attached here. Created once, kept.
 */
export const REAPER_NETWORK = "dockgrade-reaper";

const PORT = "8080/tcp";

export type ReaperSetting =
  | {
      on: true;
      image: string;
      /** The engine's socket as the engine sees it, bind-mounted at /var/run/docker.sock. */
      socket: string;
      privileged: boolean;
      env: string[];
    }
  | { on: false; reason: Bilingual };

/** Whether this process may start a reaper, and how; pure apart from the socket lookup. */
export function reaperSetting(
  env: NodeJS.ProcessEnv = process.env,
  socket: string | undefined = localSocket(env),
  platform: NodeJS.Platform = process.platform,
): ReaperSetting {
  if (/^(true|1|yes)$/i.test(env.TESTCONTAINERS_RYUK_DISABLED?.trim() ?? ""))
    return { on: false, reason: dockerTrace("reasonDisabled") };
  if (!socket) return { on: false, reason: dockerTrace("reasonNotLocal") };
  const forward = (from: string, to: string) => (env[from]?.trim() ? [`${to}=${env[from]?.trim()}`] : []);
  return {
    on: true,
    image: env.RYUK_CONTAINER_IMAGE?.trim() || DEFAULT_REAPER_IMAGE,
    // Docker Desktop's engine runs in a VM whose socket is /var/run/docker.sock, whatever the host's path.
    socket:
      env.TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE?.trim() ||
      (platform === "linux" ? socket : "/var/run/docker.sock"),
    privileged: env.TESTCONTAINERS_RYUK_PRIVILEGED === "true",
    env: [
      ...forward("TESTCONTAINERS_RYUK_RECONNECTION_TIMEOUT", "RYUK_RECONNECTION_TIMEOUT"),
      ...forward("TESTCONTAINERS_RYUK_VERBOSE", "RYUK_VERBOSE"),
    ],
  };
}

/** The filter line that makes a reaper remove one run's objects. */
export function runFilterLine(runId: string): string {
  if (!/^[a-z0-9]+$/.test(runId)) throw new Error(`not a run id: ${runId}`);
  return `label=${LABEL.run}=${runId}\r\n`;
}

/**
 * A connection to a reaper: filter lines out, one `ACK` line back for each. The socket is unref'd (it
 * never keeps the process alive) and stays open until the process ends: its closing is the signal.
 */
export class ReaperConnection {
  private readonly pending: Array<(acked: boolean) => void> = [];
  private buffer = "";
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      let end = this.buffer.indexOf("\n");
      while (end >= 0) {
        const line = this.buffer.slice(0, end).trim();
        this.buffer = this.buffer.slice(end + 1);
        if (line === "ACK") this.pending.shift()?.(true);
        end = this.buffer.indexOf("\n");
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      this.closed = true;
      for (const resolve of this.pending.splice(0)) resolve(false);
    });
  }

  /** Connects and sends a first filter; undefined when no ACK came within `timeoutMs` (not listening yet). */
  static async open(
    host: string,
    port: number,
    firstLine: string,
    timeoutMs: number,
  ): Promise<ReaperConnection | undefined> {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy());
    const connection = new ReaperConnection(socket);
    const connected = await new Promise<boolean>((resolve) => {
      socket.once("connect", () => resolve(true));
      socket.once("close", () => resolve(false));
    });
    if (!connected) return undefined;
    const acked = await connection.send(firstLine, timeoutMs);
    if (!acked) {
      socket.destroy();
      return undefined;
    }
    socket.setTimeout(0);
    socket.unref();
    socket.setKeepAlive(true, 30_000);
    return connection;
  }

  get open(): boolean {
    return !this.closed;
  }

  /** Sends a filter line; true once the reaper acknowledged it. */
  send(line: string, timeoutMs = 10_000): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        const index = this.pending.indexOf(settle);
        if (index >= 0) this.pending.splice(index, 1);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      const settle = (acked: boolean) => {
        clearTimeout(timer);
        resolve(acked);
      };
      this.pending.push(settle);
      this.socket.write(line);
    });
  }
}

/** The verbose log's line for a reaper that is off. */
const reaperOff = (reason: Bilingual) => dockerTrace("reaperOff", { reason });

/** What happened to the process's reaper, for the verbose log and the tests. */
export type ReaperState = { on: true; containerId: string } | { on: false; reason: Bilingual };

interface Started {
  state: ReaperState;
  connection?: ReaperConnection;
}

let setting: ReaperSetting | undefined;
/** The process's one start; a failure (image missing, pull refused) is remembered, an interruption is not. */
let starting: { promise: Promise<Started>; controller: AbortController; settled: boolean } | undefined;
const watched = new Set<string>();
let told = false;

export interface WatchOptions {
  pullPolicy?: PullPolicy;
  log?: Trace;
}

/**
 * Asks the process's reaper to remove this run's objects once the process is gone. Starts the reaper on
 * first use, in the background: never awaited on a run's path, never throws. Resolves with the reaper's
 * state once the run is registered (or known not to be), for the tests.
 */
export function watchRun(engine: Engine, runId: string, options: WatchOptions = {}): Promise<ReaperState> {
  setting ??= reaperSetting();
  const current = setting;
  if (!current.on) {
    if (!told) options.log?.(reaperOff(current.reason));
    told = true;
    return Promise.resolve({ on: false, reason: current.reason });
  }
  if (!starting) {
    const controller = new AbortController();
    const entry = {
      controller,
      settled: false,
      promise: startReaper(engine, current, runId, options, controller.signal),
    };
    starting = entry;
    entry.promise.then((started) => {
      entry.settled = true;
      const interrupted = !started.state.on && controller.signal.aborted;
      if (interrupted && starting === entry) starting = undefined;
      else if (!started.state.on && !told) {
        told = true;
        options.log?.(reaperOff(started.state.reason));
      }
    });
  }
  return starting.promise.then(async ({ state, connection }) => {
    if (!state.on || !connection) return state;
    if (watched.has(runId)) return state;
    if (!(await connection.send(runFilterLine(runId)))) {
      options.log?.(dockerTrace("reaperNotRegistered", { run: runId }));
      return { on: false, reason: dockerTrace("reasonStoppedAnswering") };
    }
    watched.add(runId);
    options.log?.(dockerTrace("reaperWatching", { run: runId }));
    return state;
  });
}

/**
 * The process has no open session left: a reaper start still under way (a pull) is dropped so it does not
 * hold the process, and a later session tries again. A running reaper is left alone.
 */
export function reaperIdle(): void {
  if (starting && !starting.settled) starting.controller.abort(new Error("no run left to watch"));
}

async function startReaper(
  engine: Engine,
  setting: Extract<ReaperSetting, { on: true }>,
  firstRun: string,
  options: WatchOptions,
  signal: AbortSignal,
): Promise<Started> {
  let containerId: string | undefined;
  try {
    const available = await ensureReaperImage(engine, setting.image, options.pullPolicy ?? "missing", signal);
    if (!available.ok) return { state: { on: false, reason: available.reason } };
    await ensureReaperNetwork(engine);
    signal.throwIfAborted();
    const id = newRunId();
    const container = await engine.createContainer(reaperContainer(setting, id));
    containerId = container.id;
    signal.throwIfAborted();
    await container.start();
    const port = Number((await container.inspect()).NetworkSettings.Ports?.[PORT]?.[0]?.HostPort);
    if (!Number.isInteger(port) || port <= 0) throw new Error("its port was not published");
    const connection = await connectWithRetries(port, runFilterLine(firstRun), signal);
    told = true;
    options.log?.(dockerTrace("reaperOn", { image: setting.image, container: containerId.slice(0, 12) }));
    watched.add(firstRun);
    options.log?.(dockerTrace("reaperWatching", { run: firstRun }));
    return { state: { on: true, containerId }, connection };
  } catch (error) {
    const id = containerId;
    if (id) await removeQuietly(() => engine.getContainer(id).remove({ force: true }));
    return {
      state: { on: false, reason: dockerTrace("reasonCouldNotStart", { error: engineMessage(error) }) },
    };
  }
}

async function ensureReaperImage(
  engine: Engine,
  image: string,
  policy: PullPolicy,
  signal: AbortSignal,
): Promise<{ ok: true } | { ok: false; reason: Bilingual }> {
  const present = (await inspectImageIfPresent(engine, image)) !== undefined;
  if (present && policy !== "always") return { ok: true };
  if (!present && policy === "never")
    return { ok: false, reason: dockerTrace("reasonNotOnEngine", { image }) };
  try {
    const stream = await engine.pull(image, { abortSignal: signal });
    await new Promise<void>((resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      engine.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()));
    });
    return { ok: true };
  } catch (error) {
    if (signal.aborted) throw error;
    // `always` with a copy on the engine: the copy serves.
    if (present) return { ok: true };
    return { ok: false, reason: dockerTrace("reasonPullFailed", { image, error: engineMessage(error) }) };
  }
}

async function ensureReaperNetwork(engine: Engine): Promise<void> {
  const exists = await engine
    .getNetwork(REAPER_NETWORK)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (exists) return;
  await engine
    .createNetwork({
      Name: REAPER_NETWORK,
      Driver: "bridge",
      CheckDuplicate: true,
      Options: {
        "com.docker.network.bridge.enable_ip_masquerade": "false",
        "com.docker.network.bridge.enable_icc": "false",
      },
      // No `dockgrade.run`: no run owns it, gc leaves it.
      Labels: { [LABEL.kind]: "reaper-network" },
    })
    .catch((error) => {
      // Another process created it meanwhile.
      if (engineStatus(error) !== 409) throw error;
    });
}

/**
 * The reaper's container: labelled as a run of its own owned by this process (so `gc` removes it if it
 * ever outlives the process), removed by the engine when it exits (after its prune, or 60 s without a
 * connection), published on 127.0.0.1 only, with the socket and nothing else.
 */
export function reaperContainer(setting: Extract<ReaperSetting, { on: true }>, id: string) {
  return {
    name: `dockgrade-${id}-reaper`,
    Image: setting.image,
    Env: setting.env,
    Labels: {
      ...resourceLabels(id, "container"),
      [LABEL.kind]: "reaper",
      // The image says `true`, and testcontainers adopts any running container so labelled: a reaper shared
      // with another process would prune this one's runs only once that process ended too.
      "org.testcontainers.ryuk": "false",
    },
    ExposedPorts: { [PORT]: {} },
    HostConfig: {
      AutoRemove: true,
      Binds: [`${setting.socket}:/var/run/docker.sock`],
      PortBindings: { [PORT]: [{ HostIp: "127.0.0.1", HostPort: "" }] },
      NetworkMode: REAPER_NETWORK,
      Memory: 64 * 1024 * 1024,
      PidsLimit: 64,
      LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
      ...(setting.privileged
        ? { Privileged: true }
        : { CapDrop: ["ALL"], SecurityOpt: ["no-new-privileges"], ReadonlyRootfs: true }),
    },
  };
}

/** The published port answers before the reaper listens (the engine's proxy): tries until an ACK. */
async function connectWithRetries(
  port: number,
  firstLine: string,
  signal: AbortSignal,
): Promise<ReaperConnection> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    signal.throwIfAborted();
    const connection = await ReaperConnection.open("127.0.0.1", port, firstLine, 2_000);
    if (connection) return connection;
    if (Date.now() > deadline) throw new Error("it did not answer within 20 s");
    await new Promise((resolve) => setTimeout(resolve, 200).unref());
  }
}

/** Forgets the process's reaper state (tests only). */
export function resetReaperForTests(env: NodeJS.ProcessEnv = process.env): void {
  setting = reaperSetting(env);
  starting = undefined;
  watched.clear();
  told = false;
}
