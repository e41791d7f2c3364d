import { setTimeout as sleep } from "node:timers/promises";
import { Type as T } from "@sinclair/typebox";
import type { ContainerInspectInfo } from "dockerode";
import {
  type ContainerHandle,
  type ContainerOptions,
  type DockerSession,
  readOnlyFailure,
} from "../../../src/docker/session.js";
import type { Finding, GraderContext, GraderResult } from "../../../src/grader/contract.js";
import {
  argvText,
  diagnoseStart,
  type StartDiagnosis,
  type StartObservation,
  wrongListeners,
} from "./diagnose.js";
import { type HttpFailure, httpProbe } from "./http-probe.js";
import { type ListenerProbe, readListeners, readProcessCount } from "./listeners.js";
import { startError } from "./session-gate.js";
import type { StartMessageId } from "./start-messages.js";

/** The `logLines` parameter of the graders that start the app: how much of its log a failure quotes. */
export const logLinesParam = T.Integer({
  minimum: 1,
  maximum: 100,
  default: 12,
  description: "Log lines quoted on failure.",
});

export interface AppStartOptions {
  /** The container port that must answer HTTP. */
  port: number;
  /** The path probed until the app answers (any HTTP status counts as an answer). */
  readyPath: string;
  startTimeoutSeconds: number;
  /** Extra container options (mounts, command...); ports are always `[port]`. */
  container?: Omit<ContainerOptions, "ports">;
  /** A listener on the wrong address or port, seen this long, ends the wait early: it will not change. */
  settleMs?: number;
  logLines?: number;
}

export type AppStart =
  | {
      ok: true;
      container: ContainerHandle;
      readyMs: number;
      notes: Finding<StartMessageId>[];
      /** Started again on a writable root, its first start having died on the read-only one. */
      writableRoot?: true;
    }
  | {
      ok: false;
      container?: ContainerHandle;
      result: GraderResult<StartMessageId>;
      diagnosis?: StartDiagnosis;
      writableRoot?: true;
    };

/**
 * Starts the student's image and waits until it answers HTTP on `port`, or diagnoses why not. An app that
 * dies on the harness's read-only root is started once more with a writable one (an `info` note). The
 * caller removes `container` when done, whatever the outcome.
 */
export async function startApp(ctx: GraderContext, options: AppStartOptions): Promise<AppStart> {
  const first = await startAndWait(ctx, options, true);
  if (first.ok || !first.container || first.diagnosis?.kind !== "exited") return first;
  const logs = await first.container.logs({ maxBytes: 16 * 1024 }).catch(() => undefined);
  if (!logs || !readOnlyFailure(logs.text)) return first;
  await first.container.remove().catch(() => undefined);
  const second = await startAndWait(ctx, options, false);
  const note: Finding<StartMessageId> = { messageId: "readOnlyRetry", severity: "info" };
  return second.ok
    ? { ...second, notes: [note], writableRoot: true }
    : {
        ...second,
        result: { ...second.result, findings: [...second.result.findings, note] },
        writableRoot: true,
      };
}

async function startAndWait(
  ctx: GraderContext,
  options: AppStartOptions,
  readOnlyRootfs: boolean,
): Promise<AppStart> {
  const docker = ctx.docker as DockerSession;
  let container: ContainerHandle;
  try {
    container = await docker.startContainer({ ...options.container, ports: [options.port], readOnlyRootfs });
  } catch (error) {
    return { ok: false, result: startError(error) };
  }
  const waited = await waitForAnswer(ctx, container, options);
  if (waited.answered) return { ok: true, container, readyMs: waited.ms, notes: [] };
  if (waited.aborted)
    return {
      ok: false,
      container,
      result: { status: "error", findings: [{ messageId: "aborted", severity: "problem" }] },
    };
  const { observation, logs } = await observe(ctx, container, options, waited);
  const diagnosis = await pointAtSource(ctx, diagnoseStart(observation, options.logLines));
  return {
    ok: false,
    container,
    diagnosis,
    result: {
      status: "fail",
      findings: diagnosis.findings,
      details: {
        startFailure: diagnosis.kind,
        waitedSeconds: observation.waitedSeconds,
        exitCode: observation.running ? undefined : observation.exitCode,
        logBytes: Buffer.byteLength(logs.text),
        logTruncated: logs.truncated,
      },
    },
  };
}

type Waited =
  | { answered: true; ms: number }
  | { answered: false; aborted: boolean; ms: number; lastAttempt?: HttpFailure; listeners?: ListenerProbe };

/** Polls the app (HTTP, container state, and once a second its listening sockets) until an outcome is clear. */
async function waitForAnswer(
  ctx: GraderContext,
  container: ContainerHandle,
  options: AppStartOptions,
): Promise<Waited> {
  const started = Date.now();
  const deadline = started + options.startTimeoutSeconds * 1000;
  const settleMs = options.settleMs ?? 2000;
  const published = container.url(options.readyPath, options.port);
  if (!published) throw new Error(`port ${options.port} of ${container.name} was not published`);
  const url: string = published;
  let lastAttempt: HttpFailure | undefined;
  let listeners: ListenerProbe | undefined;
  // The first look at the listening sockets (an exec) waits a second: a healthy app answers before that.
  let probedAt = started;
  let wrongSince: number | undefined;
  const notAnswered = (aborted: boolean): Waited => ({
    answered: false,
    aborted,
    ms: Date.now() - started,
    lastAttempt,
    listeners,
  });
  // The engine says when the container exits (one `wait` request) instead of an inspect at every poll:
  // a tenth of the engine calls of a submission, on a daemon that is starting the other containers.
  const watch = new AbortController();
  let mayHaveExited = false;
  container.waitForExit(options.startTimeoutSeconds * 1000 + 60_000, watch.signal).then(
    (outcome) => {
      mayHaveExited ||= outcome.exited;
    },
    () => {
      mayHaveExited = true; // the engine could not tell: an inspect will
    },
  );
  try {
    return await poll();
  } finally {
    watch.abort();
  }

  async function poll(): Promise<Waited> {
    for (;;) {
      if (ctx.signal.aborted) return notAnswered(true);
      if (mayHaveExited && !(await container.inspect()).State.Running) return notAnswered(false);
      const remaining = deadline - Date.now();
      const attempt = await httpProbe(url, {
        timeoutMs: Math.max(500, Math.min(3000, remaining)),
        signal: ctx.signal,
      });
      if (attempt.ok) return { answered: true, ms: Date.now() - started };
      lastAttempt = attempt;
      const now = Date.now();
      if (now - probedAt >= 1000) {
        probedAt = now;
        listeners = await readListeners(container);
        const verdict = listeners.ok ? wrongListeners(listeners.listeners, options.port).kind : "none";
        if (verdict === "loopback" || verdict === "other-port") wrongSince ??= now;
        else wrongSince = undefined;
        if (wrongSince !== undefined && now - wrongSince >= settleMs) return notAnswered(false);
      }
      if (Date.now() >= deadline) return notAnswered(false);
      // Short polls: the app's first answer is on the critical path of every container check.
      await sleep(100, undefined, { signal: ctx.signal }).catch(() => undefined);
    }
  }
}

/** Gathers what `diagnoseStart` needs once the wait is over. */
async function observe(
  ctx: GraderContext,
  container: ContainerHandle,
  options: AppStartOptions,
  waited: Extract<Waited, { answered: false }>,
) {
  const info = await container.inspect();
  const running = info.State.Running;
  const logs = await container.logs({ tail: 200, maxBytes: 16 * 1024, settle: running });
  const limit = ctx.assignment.limits.pids;
  const count = running ? await readProcessCount(container) : undefined;
  const observation: StartObservation = {
    port: options.port,
    timeoutSeconds: options.startTimeoutSeconds,
    waitedSeconds: waited.ms / 1000,
    running,
    exitCode: info.State.ExitCode,
    oomKilled: info.State.OOMKilled,
    ranSeconds: running ? undefined : ranSeconds(info),
    command: argvText([info.Path, ...info.Args]),
    logLines: logs.text.split("\n"),
    listeners: running ? await readListeners(container) : waited.listeners,
    processes: count === undefined ? undefined : { count, limit },
    lastAttempt: waited.lastAttempt,
    memoryMb: ctx.assignment.limits.memoryMb,
  };
  return { observation, logs };
}

/** Points the finding of a crash at the student's file and line (`sourceOf`). */
async function pointAtSource(ctx: GraderContext, diagnosis: StartDiagnosis): Promise<StartDiagnosis> {
  const at = diagnosis.raisedAt && (await sourceOf(ctx, diagnosis.raisedAt));
  const [main, ...rest] = diagnosis.findings;
  return at && main ? { ...diagnosis, findings: [{ ...main, ...at }, ...rest] } : diagnosis;
}

/**
 * The submission's file and line where a Python error was raised in the container, when the submission
 * holds that file (`/app/app.py` line 10 -> `app.py:10`): the longest path suffix that exists wins.
 */
export async function sourceOf(
  ctx: GraderContext,
  raised: { path: string; line: number },
): Promise<{ file: string; line: number } | undefined> {
  const parts = raised.path.split("/").filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const located = await ctx.files.locate(parts.slice(i).join("/"));
    if (located.ok && located.kind === "file") return { file: located.rel, line: raised.line };
  }
  return undefined;
}

function ranSeconds(info: ContainerInspectInfo): number | undefined {
  const started = Date.parse(info.State.StartedAt);
  const finished = Date.parse(info.State.FinishedAt);
  return Number.isFinite(started) && Number.isFinite(finished) && finished >= started
    ? (finished - started) / 1000
    : undefined;
}
