import { bindMatches, parseBindAddress } from "../../src/analysis/bind-address.js";
import {
  analyzeServerCommand,
  effectiveArgv,
  environmentFromList,
  type ServerCommand,
} from "../../src/analysis/server-command.js";
import { shellScript } from "../../src/analysis/shell-command.js";
import {
  type Finding as AnyFinding,
  type GraderResult as AnyGraderResult,
  creditStatus,
} from "../../src/grader/contract.js";
import { jsonForm } from "../kit/dockerfile/json-form.js";
import type { ImageConfigMessageId } from "./messages.js";

type Finding = AnyFinding<ImageConfigMessageId>;
type GraderResult = AnyGraderResult<ImageConfigMessageId>;

export const IMAGE_CONFIG_CHECKS = [
  "expose",
  "workdir",
  "server",
  "exec-form",
  "user",
  "healthcheck",
] as const;
export type ImageConfigCheck = (typeof IMAGE_CONFIG_CHECKS)[number];
/** The sub-checks judged when the rubric names none: `healthcheck` is asked for explicitly. */
export const DEFAULT_IMAGE_CONFIG_CHECKS: ImageConfigCheck[] = [
  "expose",
  "workdir",
  "server",
  "exec-form",
  "user",
];

export interface ImageConfigParams {
  port: number;
  workdir: string;
  server: "gunicorn" | "flask-dev" | "python-script";
  bind: string;
  requireNonRoot: boolean;
  checks: ImageConfigCheck[];
}

/** The part of `docker image inspect`'s `Config` this grader reads. */
export interface ImageConfig {
  ExposedPorts?: Record<string, unknown> | null;
  WorkingDir?: string;
  Entrypoint?: string[] | string | null;
  Cmd?: string[] | string | null;
  Env?: string[] | null;
  User?: string;
  /** HEALTHCHECK: `Test` is `["CMD", ...]`, `["CMD-SHELL", "..."]`, or `["NONE"]` (switched off). */
  Healthcheck?: { Test?: string[] | null; Interval?: number; Timeout?: number; Retries?: number } | null;
}

const CODES: Record<ImageConfigCheck, string> = {
  expose: "IC001",
  workdir: "IC002",
  server: "IC003",
  "exec-form": "IC004",
  user: "IC005",
  healthcheck: "IC006",
};

type Sub = Omit<Finding, "code">;

/**
 * Judges the built image's configuration. Credit is the share of the selected sub-checks that pass;
 * `user` counts only with `requireNonRoot` (otherwise a root user is information), and `exec-form` does
 * not count when the image has no command at all (the server sub-check already fails).
 * `inheritsBaseCommand`: the Dockerfile set no CMD/ENTRYPOINT, so the command is the base image's.
 */
export function judgeImageConfig(
  config: ImageConfig,
  params: ImageConfigParams,
  options: { inheritsBaseCommand?: boolean } = {},
): GraderResult {
  const argv = effectiveArgv(asArgv(config.Entrypoint), asArgv(config.Cmd));
  const server =
    argv.length > 0 ? analyzeServerCommand(argv, { env: environmentFromList(config.Env) }) : undefined;
  const judges: Record<ImageConfigCheck, () => Sub[] | undefined> = {
    expose: () => judgeExpose(config, params.port),
    workdir: () => judgeWorkdir(config, params.workdir),
    server: () => judgeServer(argv, server, params, options.inheritsBaseCommand === true),
    "exec-form": () => (server ? judgeExecForm(argv, server) : undefined),
    user: () => judgeUser(config.User ?? "", params.requireNonRoot),
    healthcheck: () => judgeHealthcheck(config.Healthcheck, params.port),
  };
  const findings: Finding[] = [];
  const outcome: Partial<Record<ImageConfigCheck, "pass" | "fail">> = {};
  for (const check of IMAGE_CONFIG_CHECKS) {
    if (!params.checks.includes(check)) continue;
    const found = judges[check]();
    if (!found) continue;
    findings.push(...found.map((f) => ({ ...f, code: CODES[check] })));
    if (check === "user" && !params.requireNonRoot) continue;
    outcome[check] = found.some((f) => f.severity === "problem") ? "fail" : "pass";
  }
  const judged = Object.values(outcome);
  const details = {
    checks: outcome,
    command: argv,
    user: config.User ?? "",
    workdir: config.WorkingDir ?? "",
  };
  if (judged.length === 0)
    return {
      status: "error",
      credit: 0,
      findings: [{ messageId: "nothingToCheck", severity: "problem" }],
      details,
    };
  const credit = judged.filter((o) => o === "pass").length / judged.length;
  return { status: creditStatus(credit), credit, findings, details };
}

/** Docker's API gives arrays; a bare string (old engines) is one word. */
function asArgv(value: string[] | string | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}

function judgeExpose(config: ImageConfig, port: number): Sub[] {
  const ports = Object.keys(config.ExposedPorts ?? {});
  const wanted = `${port}/tcp`;
  if (ports.includes(wanted)) return [{ messageId: "expose.ok", severity: "ok", data: { port } }];
  if (ports.length === 0) return [{ messageId: "expose.none", severity: "problem", data: { port } }];
  return [{ messageId: "expose.missing", severity: "problem", data: { port, found: ports.join(", ") } }];
}

function judgeWorkdir(config: ImageConfig, workdir: string): Sub[] {
  const trim = (dir: string) => (dir.length > 1 ? dir.replace(/\/+$/, "") : dir);
  const found = trim(config.WorkingDir ?? "");
  if (found === trim(workdir)) return [{ messageId: "workdir.ok", severity: "ok", data: { workdir: found } }];
  if (found === "") return [{ messageId: "workdir.none", severity: "problem", data: { workdir } }];
  return [{ messageId: "workdir.wrong", severity: "problem", data: { workdir, found } }];
}

function expectedCommand(params: ImageConfigParams): { expected: string; fix: string } {
  const bind = parseBindAddress(params.bind);
  const host = bind?.host ?? "0.0.0.0";
  const port = String(bind?.port ?? params.port);
  if (params.server === "flask-dev")
    return {
      expected: `CMD ${jsonForm(["flask", "run", "--host", host, "--port", port])}`,
      fix: `--host ${host} --port ${port}`,
    };
  if (params.server === "python-script")
    return { expected: `CMD ${jsonForm(["python", "app.py"])}`, fix: "" };
  return {
    expected: `CMD ${jsonForm(["gunicorn", "--bind", params.bind, "app:app"])}`,
    fix: `--bind ${params.bind}`,
  };
}

/** The `server.*` message ids of the problems a server command can have. */
type ServerProblem = ImageConfigMessageId extends infer Id
  ? Id extends `server.${infer P}`
    ? P
    : never
  : never;

function judgeServer(
  argv: string[],
  server: ServerCommand | undefined,
  params: ImageConfigParams,
  inheritsBaseCommand: boolean,
): Sub[] {
  const { expected, fix } = expectedCommand(params);
  const problem = (id: ServerProblem, data: Sub["data"] = {}): Sub[] => [
    {
      messageId: `server.${id}`,
      severity: "problem",
      data: { expected, server: params.server, bind: params.bind, fix, ...data },
    },
  ];
  if (!server) return problem("noCommand");
  const command = argv.join(" ");
  const data = { command, program: server.program };
  if (server.server !== params.server) {
    if (inheritsBaseCommand) return problem("baseCommand", data);
    if (server.server === "flask-dev") return problem("flaskDev", data);
    if (server.server === "python-script") return problem("pythonScript", data);
    return problem("other", data);
  }
  if (params.server === "python-script")
    return [{ messageId: "server.okScript", severity: "ok", data: { command } }];
  if (!server.bind) return problem("unreadable", { ...data, found: server.unreadableBind ?? "?" });
  const wanted = parseBindAddress(params.bind) ?? parseBindAddress(`0.0.0.0:${params.port}`);
  if (wanted && server.binds.some((b) => bindMatches(b, wanted)))
    return [{ messageId: "server.ok", severity: "ok", data: { ...data, found: server.bind.text } }];
  const actual = server.bind;
  if (server.bindSource === "default") return problem("noBind", { ...data, found: actual.text });
  const out: Sub[] = [];
  if (wanted && !(wanted.allInterfaces ? actual.allInterfaces : actual.host === wanted.host))
    out.push(...problem(actual.loopback ? "loopback" : "wrongHost", { ...data, found: actual.text }));
  const port = wanted?.port ?? params.port;
  if (actual.port !== port)
    out.push(...problem("wrongPort", { ...data, found: actual.text, foundPort: actual.port, port }));
  return out;
}

function judgeExecForm(argv: string[], server: ServerCommand): Sub[] {
  const command = argv.join(" ");
  if (shellScript(argv) === undefined) return [{ messageId: "exec.ok", severity: "ok", data: { command } }];
  if (server.shellExec) return [{ messageId: "exec.shellExec", severity: "ok", data: { command } }];
  const suggestion = `CMD ${jsonForm(server.command.length > 0 ? server.command : ["program", "argument"])}`;
  return [{ messageId: "exec.shellForm", severity: "problem", data: { command, suggestion } }];
}

/** A HEALTHCHECK that Docker runs: a command, not switched off (`NONE`); its command is quoted. */
function judgeHealthcheck(healthcheck: ImageConfig["Healthcheck"], port: number): Sub[] {
  const test = healthcheck?.Test ?? [];
  const [kind, ...rest] = test;
  if (kind === "CMD" || kind === "CMD-SHELL") {
    const command = kind === "CMD" ? rest.join(" ") : (rest[0] ?? "");
    return [{ messageId: "healthcheck.ok", severity: "ok", data: { command } }];
  }
  const id = kind === "NONE" ? "healthcheck.disabled" : "healthcheck.missing";
  return [{ messageId: id, severity: "problem", data: { port } }];
}

function judgeUser(user: string, required: boolean): Sub[] {
  const name = user.split(":")[0] ?? "";
  const root = name === "" || name === "root" || name === "0";
  const shown = user === "" ? '""' : user;
  if (!root) return [{ messageId: "user.ok", severity: "ok", data: { user } }];
  return [
    {
      messageId: required ? "user.root" : "user.rootInfo",
      severity: required ? "problem" : "info",
      data: { user: shown },
    },
  ];
}
