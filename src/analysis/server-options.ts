/**
 * Command-line readers for the programs a Flask app is served with. Each knows which options take a value,
 * so that the value is never mistaken for the application (`-w 4 app:app`).
 */

/** Gunicorn options followed by a value (long and short forms), beside `--bind` and `--config`. */
const GUNICORN_VALUE_OPTIONS = new Set([
  "-w",
  "--workers",
  "-k",
  "--worker-class",
  "-t",
  "--timeout",
  "--threads",
  "--worker-connections",
  "--graceful-timeout",
  "--keep-alive",
  "--max-requests",
  "--max-requests-jitter",
  "--log-level",
  "--log-file",
  "--log-config",
  "--access-logfile",
  "--error-logfile",
  "--access-logformat",
  "--chdir",
  "--pythonpath",
  "-e",
  "--env",
  "-u",
  "--user",
  "-g",
  "--group",
  "-m",
  "--umask",
  "-n",
  "--name",
  "-p",
  "--pid",
  "--worker-tmp-dir",
  "--forwarded-allow-ips",
  "--backlog",
  "--limit-request-line",
  "--limit-request-fields",
  "--limit-request-field_size",
  "--certfile",
  "--keyfile",
  "--ca-certs",
  "--statsd-host",
  "--paste",
]);

export interface GunicornOptions {
  /** Every `--bind` / `-b` value, in order. */
  binds: string[];
  config?: string;
  /** The first positional argument: the WSGI application (`app:app`). */
  target?: string;
}

export function gunicornOptions(args: readonly string[]): GunicornOptions {
  const out: GunicornOptions = { binds: [] };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    const next = () => args[++i];
    if (word === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    let name = word;
    let value: string | undefined;
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      if (eq > 0) [name, value] = [word.slice(0, eq), word.slice(eq + 1)];
    } else if (/^-[A-Za-z]./.test(word)) {
      [name, value] = [word.slice(0, 2), word.slice(2)]; // `-b0.0.0.0:5000`
    } else if (!word.startsWith("-") || word === "-") {
      positional.push(word);
      continue;
    }
    if (name === "-b" || name === "--bind") {
      const bind = value ?? next();
      if (bind !== undefined) out.binds.push(bind);
    } else if (name === "-c" || name === "--config") {
      out.config = value ?? next();
    } else if (GUNICORN_VALUE_OPTIONS.has(name) && value === undefined) {
      next();
    }
  }
  if (positional[0] !== undefined) out.target = positional[0];
  return out;
}

export interface FlaskRunOptions {
  /** The `run` sub-command is present (otherwise `flask` does something else: `flask routes`...). */
  run: boolean;
  app?: string;
  host?: string;
  port?: string;
}

/** `flask [--app A] [--debug] run [--host H] [--port P]`, long, short, `=` and glued forms. */
export function flaskRunOptions(args: readonly string[]): FlaskRunOptions {
  const out: FlaskRunOptions = { run: false };
  const names: Record<string, keyof FlaskRunOptions> = {
    "--app": "app",
    "-A": "app",
    "--host": "host",
    "-h": "host",
    "--port": "port",
    "-p": "port",
  };
  const valued = new Set(["--env-file", "-e", "--cert", "--key", "--extra-files", "--exclude-patterns"]);
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === "run" && !out.run) {
      out.run = true;
      continue;
    }
    let name = word;
    let value: string | undefined;
    const eq = word.indexOf("=");
    if (word.startsWith("--") && eq > 0) [name, value] = [word.slice(0, eq), word.slice(eq + 1)];
    else if (/^-[A-Za-z]./.test(word)) [name, value] = [word.slice(0, 2), word.slice(2)];
    const field = names[name];
    if (field === "app" || field === "host" || field === "port") {
      const read = value ?? args[++i];
      if (read !== undefined) out[field] = read;
    } else if (valued.has(name) && value === undefined) i++;
  }
  return out;
}

export interface PythonOptions {
  /** `-m MODULE`. */
  module?: string;
  /** The script file run (`app.py`). */
  script?: string;
  /** The words after the module or the script: its own arguments. */
  rest: string[];
}

/** `python [-u] [-X opt] (-m MODULE | SCRIPT) ARGS...`; `-c CODE` and a bare REPL give neither. */
export function pythonOptions(args: readonly string[]): PythonOptions {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === "-m") return { module: args[i + 1], rest: args.slice(i + 2) };
    if (/^-m./.test(word)) return { module: word.slice(2), rest: args.slice(i + 1) };
    if (word.startsWith("-c")) return { rest: [] };
    if (word === "-X" || word === "-W" || word === "--check-hash-based-pycs") i++;
    else if (word === "--" || !word.startsWith("-")) {
      const at = word === "--" ? i + 1 : i;
      const script = args[at];
      return script === undefined ? { rest: [] } : { script, rest: args.slice(at + 1) };
    }
  }
  return { rest: [] };
}
