import { analyzeServerCommand } from "../../src/analysis/server-command.js";
import type { StopResult } from "../../src/docker/session.js";
import type { Finding } from "../../src/grader/contract.js";
import { argvText } from "../kit/app/diagnose.js";
import type { LifecycleMessageId } from "./messages.js";

/** One scored part of the lifecycle check. */
export interface SubCheck {
  id: "stop" | "exited" | "ports" | "remove";
  passed: boolean;
  findings: Finding<LifecycleMessageId>[];
}

export interface StopFacts {
  stop: StopResult;
  /** PID 1's command as `docker inspect` shows it (Path + Args). */
  pid1: string[];
  graceSeconds: number;
  maxStopSeconds: number;
  acceptedExitCodes: readonly number[];
  /** The container's last log lines, formatted. */
  logs: string;
  memoryMb: number;
}

// `docker stop` sends SIGTERM, waits the grace period, then SIGKILL: exit code 128 + 9.
const KILLED = 137;

/**
 * Did `docker stop` end the container quickly and cleanly? Accepted exit codes default to 0 (Gunicorn's
 * master exits 0 on SIGTERM) and 143 (128 + SIGTERM: an init such as tini reporting that the app died of
 * the signal — still a clean, immediate stop). 137 after the whole grace period means PID 1 ignored
 * SIGTERM and was killed: the message explains why, shell form (`sh` as PID 1) or a program that does not
 * handle the signal.
 */
export function judgeStop(facts: StopFacts): SubCheck {
  const { stop } = facts;
  const seconds = (stop.durationMs / 1000).toFixed(1);
  const base = { exitCode: stop.exitCode, seconds, pid1: argvText(facts.pid1) };
  const result = (
    passed: boolean,
    messageId: LifecycleMessageId,
    data: Record<string, string | number> = {},
  ): SubCheck => ({
    id: "stop",
    passed,
    findings: [{ messageId, severity: passed ? "ok" : "problem", data: { ...base, ...data } }],
  });
  if (stop.alreadyStopped) return result(false, "stopAlreadyExited", { logs: facts.logs });
  if (stop.oomKilled) return result(false, "stopOom", { memory: facts.memoryMb, logs: facts.logs });
  const accepted = facts.acceptedExitCodes.includes(stop.exitCode);
  const quick = stop.durationMs <= facts.maxStopSeconds * 1000;
  if (accepted && quick) return result(true, "stopClean");
  if (accepted) return result(false, "stopSlow", { max: facts.maxStopSeconds });
  const waitedGrace = stop.durationMs >= facts.graceSeconds * 1000 * 0.9;
  if (stop.exitCode === KILLED && waitedGrace) {
    const server = analyzeServerCommand(facts.pid1);
    const data = { grace: facts.graceSeconds, max: facts.maxStopSeconds };
    if (server.shellForm && !server.shellExec) {
      const execForm =
        server.command.length > 0 ? JSON.stringify(server.command).replace(/","/g, '", "') : '["..."]';
      return result(false, "stopShellForm", { ...data, execForm });
    }
    if (server.server === "flask-dev" || server.server === "python-script")
      return result(false, "stopIgnoredPython", data);
    return result(false, "stopIgnored", data);
  }
  return result(false, "stopBadExit", { accepted: facts.acceptedExitCodes.join(" or "), logs: facts.logs });
}

/**
 * `docker inspect` of the running container shows the port published on the host, and the image
 * declares it (`EXPOSE`), so `docker ps` and `docker inspect` document it.
 */
export function judgePorts(
  published: Record<string, Array<{ HostIp: string; HostPort: string }> | null | undefined>,
  exposed: readonly string[],
  port: number,
  exitedWith?: number,
): SubCheck {
  if (exitedWith !== undefined)
    return {
      id: "ports",
      passed: false,
      findings: [{ messageId: "portNotRunning", severity: "problem", data: { port, exitCode: exitedWith } }],
    };
  const key = `${port}/tcp`;
  const binding = published[key]?.find((b) => b.HostPort);
  const mapping = binding ? `${binding.HostIp || "0.0.0.0"}:${binding.HostPort}` : "none";
  if (!binding)
    return {
      id: "ports",
      passed: false,
      findings: [{ messageId: "portNotPublished", severity: "problem", data: { port } }],
    };
  if (!exposed.includes(key)) {
    const declared = exposed.length > 0 ? exposed.join(", ") : "none";
    return {
      id: "ports",
      passed: false,
      findings: [{ messageId: "portNotExposed", severity: "problem", data: { port, mapping, declared } }],
    };
  }
  return {
    id: "ports",
    passed: true,
    findings: [{ messageId: "portShown", severity: "ok", data: { port, mapping } }],
  };
}

/** After `docker stop` the container still exists, in state `exited`: stop is not rm. */
export function judgeExited(
  state: { Status: string; Running: boolean; ExitCode: number } | undefined,
): SubCheck {
  if (!state)
    return {
      id: "exited",
      passed: false,
      findings: [{ messageId: "vanishedAfterStop", severity: "problem" }],
    };
  const passed = state.Status === "exited" && !state.Running;
  return {
    id: "exited",
    passed,
    findings: [
      {
        messageId: passed ? "staysExited" : "notExited",
        severity: passed ? "ok" : "problem",
        data: { status: state.Status, exitCode: state.ExitCode },
      },
    ],
  };
}

/** `docker rm` removed it: inspect no longer finds it. */
export function judgeRemoved(removal: { error?: string; stillThere: boolean }): SubCheck {
  if (removal.error)
    return {
      id: "remove",
      passed: false,
      findings: [{ messageId: "removeFailed", severity: "problem", data: { error: removal.error } }],
    };
  if (removal.stillThere)
    return { id: "remove", passed: false, findings: [{ messageId: "stillThere", severity: "problem" }] };
  return { id: "remove", passed: true, findings: [{ messageId: "removed", severity: "ok" }] };
}
