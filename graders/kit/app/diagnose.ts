import type { Finding } from "../../../src/grader/contract.js";
import type { HttpFailure } from "./http-probe.js";
import { type Listener, type ListenerProbe, listenerText } from "./listeners.js";
import type { StartMessageId } from "./start-messages.js";

/** Everything seen of a container that did not answer: the input of `diagnoseStart`. */
export interface StartObservation {
  /** The container port that should answer. */
  port: number;
  /** The start timeout: how long the harness was ready to wait. */
  timeoutSeconds: number;
  /** How long it waited (less than the timeout when the cause was already clear). */
  waitedSeconds: number;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  /** Seconds between start and exit, when it exited. */
  ranSeconds?: number;
  /** The command the container runs, as `docker inspect` shows it (Path + Args). */
  command: string;
  logLines: string[];
  listeners?: ListenerProbe;
  processes?: { count: number; limit: number };
  lastAttempt?: HttpFailure;
  memoryMb: number;
}

export type StartFailureKind = "exited" | "oom" | "loopback" | "other-port" | "no-answer" | "never-listens";

export interface StartDiagnosis {
  kind: StartFailureKind;
  findings: Finding<StartMessageId>[];
  /** Where the app's own code raised the error that stopped it (a path inside the container). */
  raisedAt?: { path: string; line: number };
}

const DEV_SERVER = /WARNING: This is a development server/;

/**
 * Why a container never answered on its port, from what was seen of it: it exited (exit code, the error
 * in its logs), it listens on the container's loopback or on another port, it listens but never answers,
 * or it never listens at all (with its command, its logs and a fork loop when the PID limit is reached).
 * Pure: the I/O part (`waitForApp`) gathers the observation.
 */
export function diagnoseStart(seen: StartObservation, logLines = 12): StartDiagnosis {
  const logs = formatLogs(seen.logLines, logLines);
  const port = seen.port;
  const extra: Finding<StartMessageId>[] = [];
  if (seen.processes && seen.processes.count >= seen.processes.limit - 1)
    extra.push({ messageId: "processLimit", severity: "problem", data: { ...seen.processes } });
  if (seen.logLines.some((line) => DEV_SERVER.test(line)))
    extra.push({ messageId: "devServerLog", severity: "problem", data: { port } });
  const done = (
    kind: StartFailureKind,
    finding: Omit<Finding<StartMessageId>, "severity">,
  ): StartDiagnosis => ({
    kind,
    findings: [{ ...finding, severity: "problem" }, ...extra],
  });

  if (!seen.running) {
    const seconds = (seen.ranSeconds ?? seen.waitedSeconds).toFixed(1);
    const data = { port, seconds, exitCode: seen.exitCode, logs };
    if (seen.oomKilled)
      return done("oom", { messageId: "oomKilled", data: { ...data, memory: seen.memoryMb } });
    const error = pythonError(seen.logLines);
    const diagnosis = done("exited", {
      messageId: "exited",
      data: { ...data, error: error ? ` (${error.message})` : "" },
    });
    return error?.file && error.line
      ? { ...diagnosis, raisedAt: { path: error.file, line: error.line } }
      : diagnosis;
  }

  const seconds = seen.timeoutSeconds;
  if (!seen.listeners?.ok) {
    const reason = seen.listeners?.reason ?? "not probed";
    return done("never-listens", {
      messageId: "neverListensUnknown",
      data: { port, seconds, command: seen.command, reason, logs },
    });
  }
  const wrong = wrongListeners(seen.listeners.listeners, port);
  if (wrong.kind === "loopback")
    return done("loopback", {
      messageId: "listensLoopback",
      data: { port, address: listenerText(wrong.listener) },
    });
  if (wrong.kind === "other-port") {
    const ports = [...new Set(wrong.listeners.map((l) => l.port))].join(", ");
    const addresses = wrong.listeners.map(listenerText).join(", ");
    return done("other-port", { messageId: "listensOtherPort", data: { port, ports, addresses } });
  }
  if (wrong.kind === "right") {
    const error = seen.lastAttempt ? `${seen.lastAttempt.kind}, ${seen.lastAttempt.detail}` : "none made";
    return done("no-answer", {
      messageId: "listensNoAnswer",
      data: { port, seconds, address: listenerText(wrong.listener), error, logs },
    });
  }
  return done("never-listens", {
    messageId: "neverListens",
    data: { port, seconds, command: seen.command, logs },
  });
}

export type ListenerVerdict =
  | { kind: "right"; listener: Listener }
  | { kind: "loopback"; listener: Listener }
  | { kind: "other-port"; listeners: Listener[] }
  | { kind: "none" };

/**
 * What the listening sockets say about port `port`: someone listens on every interface (right), only on
 * the loopback, only on other ports, or nowhere.
 */
export function wrongListeners(listeners: readonly Listener[], port: number): ListenerVerdict {
  const onPort = listeners.filter((l) => l.port === port);
  const open = onPort.find((l) => l.allInterfaces);
  if (open) return { kind: "right", listener: open };
  const loopback = onPort.find((l) => l.loopback);
  if (loopback) return { kind: "loopback", listener: loopback };
  const others = listeners.filter((l) => l.port !== port);
  // A server on another port usually listens on every interface: name those first.
  if (others.length > 0)
    return {
      kind: "other-port",
      listeners: [...others].sort((a, b) => Number(b.allInterfaces) - Number(a.allInterfaces)),
    };
  return { kind: "none" };
}

/** The last Python exception in the logs (`RuntimeError: ...`) and where it was raised in the app's code. */
export function pythonError(
  lines: readonly string[],
): { message: string; file?: string; line?: number } | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = (lines[i] as string).trim();
    if (!/^([A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)|[A-Z]\w*Error)(: .*)?$/.test(text)) continue;
    // The frame nearest the error outside the standard library and site-packages: the student's code.
    for (let j = i - 1; j >= 0; j--) {
      const frame = /^\s*File "([^"]+)", line (\d+)/.exec(lines[j] as string);
      if (frame && !/^<|\/(usr\/lib|usr\/local\/lib)\/|site-packages|dist-packages/.test(frame[1] as string))
        return { message: text, file: frame[1] as string, line: Number(frame[2]) };
      if (/^Traceback \(most recent call last\)/.test((lines[j] as string).trim())) break;
    }
    return { message: text };
  }
  return undefined;
}

/** The last `count` log lines, indented, long lines cut, for a message. */
export function formatLogs(lines: readonly string[], count = 12): string {
  const kept = lines.filter((line) => line.trim() !== "").slice(-count);
  if (kept.length === 0) return "    (no output)";
  return kept.map((line) => `    ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`).join("\n");
}

/** An argv as a shell would read it, quoting only what needs it. */
export function argvText(argv: readonly string[]): string {
  return argv
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(" ");
}
