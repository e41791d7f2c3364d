import { setTimeout as sleep } from "node:timers/promises";
import type { Container, ContainerInspectInfo } from "dockerode";
import { type CapturedOutput, Demuxer, demultiplex } from "./demux.js";
import { type Engine, engineStatus, removeQuietly } from "./engine.js";

export interface StopResult {
  exitCode: number;
  /** How long `stop` took: about the grace period when the app ignored SIGTERM and was killed. */
  durationMs: number;
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

/** Starts a created container and wraps it in a handle. */
export async function startedHandle(engine: Engine, id: string, name: string): Promise<ContainerHandle> {
  const container = engine.getContainer(id);
  let ports = new Map<number, number>();
  const refreshPorts = async () => {
    ports = publishedPorts(await container.inspect());
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
    stop: (graceSeconds = 10) => stop(container, graceSeconds),
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

async function waitForExit(container: Container, timeoutMs: number, signal?: AbortSignal) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onAbort = () => controller.abort();
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const answer = (await container.wait({ abortSignal: controller.signal })) as { StatusCode: number };
    return { exited: true as const, exitCode: answer.StatusCode };
  } catch (error) {
    if (controller.signal.aborted) return { exited: false as const };
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

async function stop(container: Container, graceSeconds: number): Promise<StopResult> {
  const started = Date.now();
  let alreadyStopped = false;
  try {
    await container.stop({ t: graceSeconds });
  } catch (error) {
    if (engineStatus(error) !== 304) throw error;
    alreadyStopped = true;
  }
  const durationMs = Date.now() - started;
  const state = (await container.inspect()).State;
  return { exitCode: state.ExitCode, durationMs, alreadyStopped, oomKilled: state.OOMKilled };
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
