import { setTimeout as sleep } from "node:timers/promises";
import type { Container, ContainerInspectInfo } from "dockerode";
import { JsonLines } from "./build-log.js";
import { type CapturedOutput, Demuxer, demultiplex } from "./demux.js";
import { type Engine, engineStatus, removeQuietly } from "./engine.js";

export interface StopResult {
  exitCode: number;
  /**
   * How long the app took to exit after SIGTERM: about the grace period when it ignored the signal and was
   * killed. Measured on the engine's clock (its `kill` event to the exit time it recorded), so an engine slow
   * to answer under load does not make an app's stop look slow; the wall time of `stop` when the engine's
   * events cannot say (an engine without them, a container that had already stopped).
   */
  durationMs: number;
  /** What `durationMs` was measured from. */
  measuredBy: "engine" | "wall";
  /** The container had already stopped before `stop` was asked. */
  alreadyStopped: boolean;
  oomKilled: boolean;
}

export interface ExecResult {
  /** Undefined when the command did not finish in time. */
  exitCode?: number;
  timedOut: boolean;
  output: CapturedOutput;
  durationMs: number;
}

/** A container started by a session: everything a grader may do with it. */
export interface ContainerHandle {
  readonly id: string;
  readonly name: string;
  /** The host address ports are published on. */
  readonly host: "127.0.0.1";
  /** The host port published for a container port (default 5000), as of the last start. */
  hostPort(containerPort?: number): number | undefined;
  /** `http://127.0.0.1:<hostPort><path>`, or undefined when the port is not published. */
  url(path?: string, containerPort?: number): string | undefined;
  /**
   * Both streams demultiplexed, the last `maxBytes` kept (default 64 KiB). With `settle`, for a running
   * container whose last output may still be on its way to the log (the engine copies it asynchronously: a
   * traceback written just before a 500 answer can be missing from a read made right after it), the log is
   * read again until it stops growing (150 ms apart, at most about 1.5 s).
   */
  logs(options?: { maxBytes?: number; tail?: number; settle?: boolean }): Promise<CapturedOutput>;
  inspect(): Promise<ContainerInspectInfo>;
  /** Waits for the container to exit, at most `timeoutMs` (or until `signal` aborts). */
  waitForExit(
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<{ exited: true; exitCode: number } | { exited: false }>;
  /** Starts it again after a stop; published host ports may change. */
  start(): Promise<void>;
  /** `docker stop -t graceSeconds` (default 10): SIGTERM, then SIGKILL after the grace period. */
  stop(graceSeconds?: number): Promise<StopResult>;
  /** Runs a command in the running container (no shell: argv as is). */
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Removes it (forced, with its anonymous volumes); idempotent. */
  remove(): Promise<void>;
}

export interface ExecOptions {
  timeoutMs?: number;
  maxBytes?: number;
  user?: string;
  env?: Record<string, string>;
  workdir?: string;
}

/** How far apart, and at most how many times, `logs({ settle: true })` reads the log. */
const LOG_SETTLE_MS = 150;
const LOG_SETTLE_READS = 10;
/** How long a stop waits for the engine's events to open before timing itself by the wall clock. */
const EVENTS_OPEN_MS = 2000;

/** Starts a created container and wraps it in a handle. */
export async function startedHandle(engine: Engine, id: string, name: string): Promise<ContainerHandle> {
  const container = engine.getContainer(id);
  let ports = new Map<number, number>();
  // When the engine says the container last started: where the events of this run of it begin.
  let startedAt: string | undefined;
  const refreshPorts = async () => {
    const info = await container.inspect();
    ports = publishedPorts(info);
    startedAt = info.State?.StartedAt;
  };
  const start = async () => {
    await container.start().catch((error) => {
      if (engineStatus(error) !== 304) throw error; // 304: already running
    });
    await refreshPorts();
  };
  await start();
  return {
    id,
    name,
    host: "127.0.0.1",
    hostPort: (containerPort = 5000) => ports.get(containerPort),
    url(path = "/", containerPort = 5000) {
      const port = ports.get(containerPort);
      return port === undefined
        ? undefined
        : `http://127.0.0.1:${port}${path.startsWith("/") ? path : `/${path}`}`;
    },
    async logs(options = {}) {
      const read = async () => {
        const buffer = await container.logs({
          stdout: true,
          stderr: true,
          follow: false,
          tail: options.tail ?? 2000,
        });
        return demultiplex(Buffer.from(buffer), options.maxBytes ?? 64 * 1024, "tail");
      };
      let seen = await read();
      if (!options.settle) return seen;
      for (let reads = 1; reads < LOG_SETTLE_READS; reads++) {
        await sleep(LOG_SETTLE_MS);
        const next = await read();
        if (next.text === seen.text) return next;
        seen = next;
      }
      return seen;
    },
    inspect: () => container.inspect(),
    waitForExit: (timeoutMs, signal) => waitForExit(container, timeoutMs, signal),
    start,
    stop: (graceSeconds = 10) => stop(engine, container, graceSeconds, startedAt),
    exec: (argv, options) => exec(container, argv, options),
    async remove() {
      const outcome = await removeQuietly(() => container.remove({ force: true, v: true }));
      if (outcome instanceof Error) throw outcome;
    },
  };
}

/** Container port -> host port, for the ports bound on the host. */
export function publishedPorts(info: Pick<ContainerInspectInfo, "NetworkSettings">): Map<number, number> {
  const map = new Map<number, number>();
  for (const [key, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
    const hostPort = bindings?.find((binding) => binding.HostPort)?.HostPort;
    if (hostPort) map.set(Number.parseInt(key, 10), Number(hostPort));
  }
  return map;
}

/** Waits for `container` to exit, at most `timeoutMs` or until `signal` aborts (then `{ exited: false }`). */
export async function waitForExit(container: Container, timeoutMs: number, signal?: AbortSignal) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onAbort = () => controller.abort();
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  // Ended when asked, even if the engine's answer never comes: a connection to the engine cut mid-wait
  // (the daemon gone) can leave the request unsettled, and with it this wait and its timer, which then
  // held the process for the whole wait after grading had ended.
  const stopped = new Promise<{ exited: false }>((resolve) =>
    controller.signal.addEventListener("abort", () => resolve({ exited: false }), { once: true }),
  );
  try {
    const answer = container
      .wait({ abortSignal: controller.signal })
      .then((outcome: { StatusCode: number }) => ({ exited: true as const, exitCode: outcome.StatusCode }));
    return await Promise.race([answer, stopped]);
  } catch (error) {
    if (controller.signal.aborted) return { exited: false as const };
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

async function stop(
  engine: Engine,
  container: Container,
  graceSeconds: number,
  startedAt: string | undefined,
): Promise<StopResult> {
  // Listening from the container's start, so the engine's `kill` event is replayed whenever the listener
  // is registered (the events endpoint answers before it subscribes).
  const kills = await watchStopEvents(engine, container.id, startedAt);
  try {
    const started = Date.now();
    let alreadyStopped = false;
    try {
      await container.stop({ t: graceSeconds });
    } catch (error) {
      if (engineStatus(error) !== 304) throw error;
      alreadyStopped = true;
    }
    const wallMs = Date.now() - started;
    const state = (await container.inspect()).State;
    const engineMs = alreadyStopped ? undefined : engineStopMs(await kills.read(), state.FinishedAt);
    return {
      exitCode: state.ExitCode,
      durationMs: engineMs ?? wallMs,
      measuredBy: engineMs === undefined ? "wall" : "engine",
      alreadyStopped,
      oomKilled: state.OOMKilled,
    };
  } finally {
    kills.close();
  }
}

/** One container event as the engine's events endpoint sends it (the fields every API version has). */
export interface ContainerEvent {
  Action?: string;
  Actor?: { Attributes?: Record<string, string> };
  timeNano?: number;
}

/**
 * Milliseconds from the engine's first SIGTERM (`kill` event, signal 15) to the exit time it recorded
 * (`State.FinishedAt`, the moment the process ended), both on the engine's clock; undefined without either.
 * An app that exits before the engine has logged its signal measures 0.
 */
export function engineStopMs(
  events: readonly ContainerEvent[],
  finishedAt: string | undefined,
): number | undefined {
  const term = events.find((event) => event.Action === "kill" && event.Actor?.Attributes?.signal === "15");
  const finished = engineTimeMs(finishedAt);
  if (term?.timeNano === undefined || finished === undefined) return undefined;
  return Math.max(0, Math.round(finished - term.timeNano / 1e6));
}

/** An engine RFC 3339 time (nanoseconds allowed) in epoch milliseconds; undefined for the zero time. */
export function engineTimeMs(time: string | undefined): number | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(time ?? "");
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds) || seconds <= 0) return undefined;
  return seconds + Number(`0.${match[2] ?? "0"}`) * 1000;
}

/** The events API's `since`: epoch seconds with their fraction, as the engine's own time says. */
export function eventsSince(time: string | undefined): string | undefined {
  const ms = engineTimeMs(time);
  if (ms === undefined) return undefined;
  const fraction = /\.(\d+)/.exec(time ?? "")?.[1] ?? "0";
  return `${Math.floor(ms / 1000)}.${fraction}`;
}

/**
 * The container's `kill` and `die` events from its last start on; `read` returns them once the SIGTERM is
 * among them, the container has died, or half a second has passed. Never throws: without events the stop
 * is timed by the wall clock.
 */
async function watchStopEvents(engine: Engine, id: string, startedAt: string | undefined) {
  const events: ContainerEvent[] = [];
  const since = eventsSince(startedAt);
  let stream: (NodeJS.ReadableStream & { destroy(): void }) | undefined;
  let wake: () => void = () => {};
  const complete = () =>
    events.some((e) => e.Action === "die" || (e.Action === "kill" && e.Actor?.Attributes?.signal === "15"));
  if (since)
    try {
      type EventStream = NodeJS.ReadableStream & { destroy(): void };
      const opening = engine.getEvents({
        since: since as unknown as number,
        filters: { type: ["container"], container: [id], event: ["kill", "die"] },
      }) as Promise<EventStream>;
      // An engine slow to open the stream does not hold the stop: it is timed by the wall clock instead.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(resolve, EVENTS_OPEN_MS, undefined);
      });
      stream = await Promise.race([opening, late]).finally(() => clearTimeout(timer));
      if (!stream) {
        opening.then((opened) => opened.destroy()).catch(() => {});
        throw new Error("the engine's events did not open in time");
      }
      const lines = new JsonLines();
      stream.on("data", (chunk: Buffer) => {
        events.push(...(lines.push(chunk.toString("utf8")) as ContainerEvent[]));
        if (complete()) wake();
      });
      stream.on("error", () => wake());
    } catch {
      stream = undefined;
    }
  return {
    async read(): Promise<ContainerEvent[]> {
      if (!stream || complete()) return events;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      return events;
    },
    close: () => stream?.destroy(),
  };
}

async function exec(container: Container, argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const started = Date.now();
  const execution = await container.exec({
    Cmd: argv,
    AttachStdout: true,
    AttachStderr: true,
    ...(options.user ? { User: options.user } : {}),
    ...(options.workdir ? { WorkingDir: options.workdir } : {}),
    ...(options.env ? { Env: Object.entries(options.env).map(([k, v]) => `${k}=${v}`) } : {}),
  });
  const stream = await execution.start({ hijack: true, stdin: false });
  const demuxer = new Demuxer(options.maxBytes ?? 64 * 1024, "head");
  const timeoutMs = options.timeoutMs ?? 10_000;
  const finished = await new Promise<boolean>((resolve, reject) => {
    // The engine has no way to kill an exec'd process: on timeout we stop listening, and the process
    // dies with the container.
    const timer = setTimeout(() => {
      stream.destroy();
      resolve(false);
    }, timeoutMs);
    stream.on("data", (chunk: Buffer) => demuxer.push(chunk));
    stream.on("end", () => {
      clearTimeout(timer);
      resolve(true);
    });
    stream.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  const output = demuxer.result();
  if (!finished) return { timedOut: true, output, durationMs: Date.now() - started };
  // The exit code is recorded a moment after the output ends.
  for (let attempt = 0; attempt < 50; attempt++) {
    const info = await execution.inspect();
    if (!info.Running && info.ExitCode !== null) {
      return { exitCode: info.ExitCode, timedOut: false, output, durationMs: Date.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { timedOut: true, output, durationMs: Date.now() - started };
}
