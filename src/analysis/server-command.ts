import { type BindAddress, bindAddress, parseBindAddress } from "./bind-address.js";
import { flaskRunOptions, gunicornOptions, pythonOptions } from "./server-options.js";
import { basename, shellScript, splitShellScript } from "./shell-command.js";

export type ServerKind = "gunicorn" | "flask-dev" | "python-script" | "other";

/**
 * Where the bind address comes from: the command line, the environment (Gunicorn's `PORT` and
 * `GUNICORN_CMD_ARGS`, Flask's `FLASK_RUN_HOST`/`FLASK_RUN_PORT`), the server's default, a Gunicorn
 * config file (not read, so unknown), or nowhere (a Python script or another program: only its code knows).
 */
export type BindSource = "argument" | "environment" | "default" | "config-file" | "none";

export interface ServerCommand {
  server: ServerKind;
  /** The first TCP address the server listens on, when it can be known. */
  bind?: BindAddress;
  /** Every address (Gunicorn accepts several `--bind`). */
  binds: BindAddress[];
  bindSource: BindSource;
  /** An address written but unreadable (`0.0.0.0:$PORT` in exec form, `unix:/tmp/s.sock`, `-c conf.py`). */
  unreadableBind?: string;
  /** The command runs through `sh -c` (shell form, or an explicit shell): the shell starts first. */
  shellForm: boolean;
  /** The script `exec`s the server, so the server replaces the shell as PID 1 and receives signals. */
  shellExec: boolean;
  /** The server's own command, unwrapped from `sh -c`, `exec`, `env`, `tini`... */
  command: string[];
  /** Its program name (`gunicorn`, `flask`, `python3`, `uvicorn`...), "" when there is none. */
  program: string;
  /** What it serves: `app:app` for Gunicorn, the script for Python, `--app` for Flask. */
  target?: string;
}

export interface AnalyzeOptions {
  /** The container's environment (Dockerfile ENV, or inspect's Config.Env), to read `$PORT` and friends. */
  env?: Readonly<Record<string, string>>;
}

/** Docker's rule: a container runs ENTRYPOINT followed by CMD (each already an argv array). */
export function effectiveArgv(
  entrypoint: readonly string[] | null | undefined,
  cmd: readonly string[] | null | undefined,
): string[] {
  return [...(entrypoint ?? []), ...(cmd ?? [])];
}

/** `docker inspect`'s Config.Env (`["PORT=5000", ...]`) as a map, the last definition winning. */
export function environmentFromList(list: readonly string[] | null | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of list ?? []) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/**
 * Says which server a container's argv starts and where it listens. `argv` is ENTRYPOINT + CMD combined,
 * shell form already wrapped as `["/bin/sh", "-c", "..."]`, as `docker inspect` shows it. Variables are
 * expanded only inside shell scripts: Docker never expands them in exec form.
 */
export function analyzeServerCommand(argv: readonly string[], options: AnalyzeOptions = {}): ServerCommand {
  const env = options.env ?? {};
  const script = shellScript(argv);
  if (script === undefined) {
    const unwrapped = unwrapLaunchers(argv);
    return {
      ...analyzeSimple(unwrapped.argv, { ...env, ...unwrapped.env }),
      shellForm: false,
      shellExec: false,
    };
  }
  let chosen: (Analysis & { shellExec: boolean }) | undefined;
  for (const command of splitShellScript(script, env)) {
    const unwrapped = unwrapLaunchers(command.argv);
    const analysis = analyzeSimple(unwrapped.argv, { ...env, ...command.assignments, ...unwrapped.env });
    chosen = { ...analysis, shellExec: unwrapped.exec };
    // `cd /app && gunicorn ...`: the server is the first command that starts one, else the last command.
    if (analysis.server !== "other") break;
  }
  return { ...(chosen ?? analyzeSimple([], env)), shellForm: true, shellExec: chosen?.shellExec ?? false };
}

type Analysis = Omit<ServerCommand, "shellForm" | "shellExec">;
type Env = Readonly<Record<string, string>>;

function analyzeSimple(argv: readonly string[], env: Env): Analysis {
  const program = basename(argv[0] ?? "");
  const args = argv.slice(1);
  const base = { command: [...argv], program };
  if (/^gunicorn3?$/.test(program)) return { ...base, ...gunicorn(args, env) };
  if (program === "flask") return { ...base, ...flask(args, env) };
  if (/^python(\d+(\.\d+)?)?$/.test(program)) {
    const python = pythonOptions(args);
    if (python.module === "gunicorn") return { ...base, ...gunicorn(python.rest, env) };
    if (python.module === "flask") return { ...base, ...flask(python.rest, env) };
    if (python.script !== undefined) {
      return { ...base, server: "python-script", target: python.script, binds: [], bindSource: "none" };
    }
  }
  return { ...base, server: "other", binds: [], bindSource: "none" };
}

type ServerPart = Omit<Analysis, "command" | "program">;

function gunicorn(args: readonly string[], env: Env): ServerPart {
  const cli = gunicornOptions(args);
  const fromEnv = env.GUNICORN_CMD_ARGS
    ? gunicornOptions(splitShellScript(env.GUNICORN_CMD_ARGS)[0]?.argv ?? [])
    : undefined;
  const part = (bindSource: BindSource, texts: string[]): ServerPart => {
    const binds = texts.map((text) => parseBindAddress(text)).filter((b) => b !== undefined);
    const unreadable = texts.find((text) => parseBindAddress(text) === undefined);
    return {
      server: "gunicorn",
      target: cli.target,
      binds,
      bind: binds[0],
      bindSource,
      ...(unreadable !== undefined && binds.length === 0 ? { unreadableBind: unreadable } : {}),
    };
  };
  // Gunicorn's precedence: command line, then GUNICORN_CMD_ARGS, then the config file, then $PORT.
  if (cli.binds.length > 0) return part("argument", cli.binds);
  if (fromEnv && fromEnv.binds.length > 0) return part("environment", fromEnv.binds);
  const config = cli.config ?? fromEnv?.config;
  if (config !== undefined) {
    return {
      server: "gunicorn",
      target: cli.target,
      binds: [],
      bindSource: "config-file",
      unreadableBind: `--config ${config}`,
    };
  }
  if (env.PORT !== undefined) return part("environment", [`0.0.0.0:${env.PORT}`]);
  return part("default", ["127.0.0.1:8000"]);
}

function flask(args: readonly string[], env: Env): ServerPart {
  const options = flaskRunOptions(args);
  const target = options.app ?? env.FLASK_APP;
  if (!options.run) return { server: "other", binds: [], bindSource: "none", ...(target ? { target } : {}) };
  const host = options.host ?? env.FLASK_RUN_HOST ?? "127.0.0.1";
  const port = options.port ?? env.FLASK_RUN_PORT ?? "5000";
  const bindSource: BindSource =
    options.host !== undefined || options.port !== undefined
      ? "argument"
      : env.FLASK_RUN_HOST !== undefined || env.FLASK_RUN_PORT !== undefined
        ? "environment"
        : "default";
  const bind = bindAddress(host, port);
  return {
    server: "flask-dev",
    ...(target ? { target } : {}),
    binds: bind ? [bind] : [],
    bind,
    bindSource,
    ...(bind ? {} : { unreadableBind: `${host}:${port}` }),
  };
}

/** Strips what only launches the real command: `exec`, `env [-i] [A=1]`, `tini --`, `dumb-init`, `nohup`. */
function unwrapLaunchers(argv: readonly string[]): {
  argv: string[];
  env: Record<string, string>;
  exec: boolean;
} {
  let rest = [...argv];
  const env: Record<string, string> = {};
  let exec = false;
  for (;;) {
    const program = basename(rest[0] ?? "");
    if (program === "exec") exec = true;
    else if (!["env", "tini", "tini-static", "dumb-init", "nohup"].includes(program)) break;
    rest = rest.slice(1);
    while (rest.length > 0) {
      const word = rest[0] as string;
      const assignment = program === "env" ? /^([A-Za-z_]\w*)=(.*)$/s.exec(word) : null;
      if (assignment) env[assignment[1] as string] = assignment[2] as string;
      else if (word === "--") {
        rest = rest.slice(1);
        break;
      } else if (!word.startsWith("-") || program === "exec") break;
      rest = rest.slice(1);
    }
  }
  return { argv: rest, env, exec };
}
