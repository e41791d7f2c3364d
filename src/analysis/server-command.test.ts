import { describe, expect, it } from "vitest";
import { bindMatches, parseBindAddress } from "./bind-address.js";
import { analyzeServerCommand, effectiveArgv, environmentFromList } from "./server-command.js";

const sh = (script: string) => ["/bin/sh", "-c", script];

describe("analyzeServerCommand", () => {
  const cases: Array<{
    name: string;
    argv: string[];
    env?: Record<string, string>;
    server: string;
    bind?: string;
    source?: string;
    shellForm?: boolean;
    shellExec?: boolean;
    target?: string;
    unreadable?: string;
  }> = [
    {
      name: "gunicorn --bind HOST:PORT",
      argv: ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"],
      server: "gunicorn",
      bind: "0.0.0.0:5000",
      source: "argument",
      target: "app:app",
    },
    {
      name: "-b",
      argv: ["gunicorn", "-b", "0.0.0.0:5000", "app:app"],
      server: "gunicorn",
      bind: "0.0.0.0:5000",
    },
    {
      name: "--bind=",
      argv: ["gunicorn", "--bind=0.0.0.0:5000", "app:app"],
      server: "gunicorn",
      bind: "0.0.0.0:5000",
    },
    {
      name: "glued -b",
      argv: ["gunicorn", "-b0.0.0.0:5000", "app:app"],
      server: "gunicorn",
      bind: "0.0.0.0:5000",
    },
    {
      name: "-b :PORT is every interface",
      argv: ["gunicorn", "-b", ":5000", "app:app"],
      server: "gunicorn",
      bind: "0.0.0.0:5000",
    },
    {
      name: "no bind: Gunicorn's default",
      argv: ["gunicorn", "app:app"],
      server: "gunicorn",
      bind: "127.0.0.1:8000",
      source: "default",
    },
    {
      name: "no bind but $PORT in the environment",
      argv: ["gunicorn", "app:app"],
      env: { PORT: "5000" },
      server: "gunicorn",
      bind: "0.0.0.0:5000",
      source: "environment",
    },
    {
      name: "GUNICORN_CMD_ARGS",
      argv: ["gunicorn", "app:app"],
      env: { GUNICORN_CMD_ARGS: "--bind=0.0.0.0:5000 --workers=2" },
      server: "gunicorn",
      bind: "0.0.0.0:5000",
      source: "environment",
    },
    {
      name: "options with values are not the app",
      argv: ["gunicorn", "-w", "2", "--threads", "4", "-b", "127.0.0.1:5000", "wsgi:application"],
      server: "gunicorn",
      bind: "127.0.0.1:5000",
      target: "wsgi:application",
    },
    {
      name: "config file: the bind is not known",
      argv: ["gunicorn", "-c", "gunicorn.conf.py", "app:app"],
      server: "gunicorn",
      source: "config-file",
      unreadable: "--config gunicorn.conf.py",
    },
    {
      name: "exec form never expands variables",
      argv: ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"],
      env: { PORT: "5000" },
      server: "gunicorn",
      source: "argument",
      unreadable: "0.0.0.0:$PORT",
    },
    {
      name: "python -m gunicorn",
      argv: ["python", "-m", "gunicorn", "-b", "0.0.0.0:5000", "app:app"],
      server: "gunicorn",
      bind: "0.0.0.0:5000",
    },
    {
      name: "python3.12 -u -m gunicorn",
      argv: ["/usr/local/bin/python3.12", "-u", "-m", "gunicorn", "app:app"],
      server: "gunicorn",
      bind: "127.0.0.1:8000",
    },
    {
      name: "ENTRYPOINT gunicorn + CMD args",
      argv: effectiveArgv(["gunicorn"], ["--bind", "0.0.0.0:5000", "app:app"]),
      server: "gunicorn",
      bind: "0.0.0.0:5000",
    },
    {
      name: "python app.py",
      argv: ["python", "app.py"],
      server: "python-script",
      source: "none",
      target: "app.py",
    },
    {
      name: "python3 -u app.py",
      argv: ["python3", "-u", "app.py"],
      server: "python-script",
      target: "app.py",
    },
    { name: "bare python (the base image's CMD)", argv: ["python3"], server: "other" },
    {
      name: "flask run with host and port",
      argv: ["flask", "run", "--host=0.0.0.0", "--port", "5000"],
      server: "flask-dev",
      bind: "0.0.0.0:5000",
      source: "argument",
    },
    {
      name: "flask run defaults",
      argv: ["flask", "--app", "app", "run"],
      server: "flask-dev",
      bind: "127.0.0.1:5000",
      source: "default",
      target: "app",
    },
    {
      name: "flask run from FLASK_RUN_HOST",
      argv: ["python", "-m", "flask", "run"],
      env: { FLASK_RUN_HOST: "0.0.0.0" },
      server: "flask-dev",
      bind: "0.0.0.0:5000",
      source: "environment",
    },
    { name: "flask without run", argv: ["flask", "routes"], server: "other" },
    { name: "another server", argv: ["uvicorn", "app:app", "--host", "0.0.0.0"], server: "other" },
    {
      name: "sh -c gunicorn (shell form)",
      argv: sh('gunicorn --bind "0.0.0.0:5000" app:app'),
      server: "gunicorn",
      bind: "0.0.0.0:5000",
      shellForm: true,
      shellExec: false,
    },
    {
      name: "sh -c with exec and an expanded variable",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and Dockerfile syntax, not a template
      argv: sh("cd /app && exec gunicorn -b 0.0.0.0:${PORT:-5000} app:app 2>&1"),
      server: "gunicorn",
      bind: "0.0.0.0:5000",
      shellForm: true,
      shellExec: true,
      target: "app:app",
    },
    {
      name: "sh -c expands a known variable",
      argv: sh("gunicorn -b 0.0.0.0:$PORT app:app"),
      env: { PORT: "8080" },
      server: "gunicorn",
      bind: "0.0.0.0:8080",
    },
    {
      name: "bash -lc python app.py",
      argv: ["bash", "-lc", "python app.py"],
      server: "python-script",
      shellForm: true,
    },
    {
      name: "env and tini wrappers",
      argv: ["tini", "--", "env", "PORT=5000", "gunicorn", "app:app"],
      server: "gunicorn",
      bind: "0.0.0.0:5000",
    },
    {
      name: "shell assignment before the command",
      argv: sh("FLASK_RUN_PORT=8000 flask run --host 0.0.0.0"),
      server: "flask-dev",
      bind: "0.0.0.0:8000",
    },
    { name: "empty argv", argv: [], server: "other" },
  ];

  it.each(cases)("$name", (c) => {
    const result = analyzeServerCommand(c.argv, { env: c.env });
    expect(result.server).toBe(c.server);
    if (c.bind) expect(result.bind && `${result.bind.host}:${result.bind.port}`).toBe(c.bind);
    else if (c.server !== "gunicorn" && c.server !== "flask-dev") expect(result.bind).toBeUndefined();
    if (c.source) expect(result.bindSource).toBe(c.source);
    if (c.shellForm !== undefined) expect(result.shellForm).toBe(c.shellForm);
    if (c.shellExec !== undefined) expect(result.shellExec).toBe(c.shellExec);
    if (c.target) expect(result.target).toBe(c.target);
    if (c.unreadable) {
      expect(result.bind).toBeUndefined();
      expect(result.unreadableBind).toBe(c.unreadable);
    }
  });

  it("reads docker inspect's Config.Env", () => {
    const env = environmentFromList(["PATH=/usr/bin", "PORT=5000", "EMPTY=", "A=b=c", "PORT=5001"]);
    expect(env).toEqual({ PATH: "/usr/bin", PORT: "5001", EMPTY: "", A: "b=c" });
    const inspect = { Entrypoint: null, Cmd: ["/bin/sh", "-c", "gunicorn -b 0.0.0.0:$PORT app:app"] };
    const result = analyzeServerCommand(effectiveArgv(inspect.Entrypoint, inspect.Cmd), { env });
    expect(result.bind).toMatchObject({ host: "0.0.0.0", port: 5001 });
  });

  it("says which command of a script runs the server and unwraps it", () => {
    const result = analyzeServerCommand(sh("pip list; exec env A=1 gunicorn app:app"));
    expect(result.command).toEqual(["gunicorn", "app:app"]);
    expect(result.program).toBe("gunicorn");
  });
});

describe("parseBindAddress", () => {
  it.each([
    ["0.0.0.0:5000", "0.0.0.0", 5000, true, false],
    [":5000", "0.0.0.0", 5000, true, false],
    ["[::]:5000", "::", 5000, true, false],
    ["tcp://0.0.0.0:5000", "0.0.0.0", 5000, true, false],
    ["127.0.0.1:5000", "127.0.0.1", 5000, false, true],
    ["localhost:5000", "localhost", 5000, false, true],
    ["LOCALHOST", "localhost", 8000, false, true],
    ["10.0.0.2:80", "10.0.0.2", 80, false, false],
  ])("%s", (text, host, port, all, loopback) => {
    expect(parseBindAddress(text)).toMatchObject({ host, port, allInterfaces: all, loopback, text });
  });

  it.each(["unix:/tmp/gunicorn.sock", "fd://3", "0.0.0.0:$PORT", "0.0.0.0:99999"])(
    "%s has no TCP address",
    (text) => {
      expect(parseBindAddress(text)).toBeUndefined();
    },
  );

  it("matches every-interface forms together, and nothing else", () => {
    const expected = parseBindAddress("0.0.0.0:5000");
    if (!expected) throw new Error("unreadable expected address");
    for (const ok of [":5000", "[::]:5000", "0.0.0.0:5000"])
      expect(bindMatches(parseBindAddress(ok) as never, expected)).toBe(true);
    for (const bad of ["127.0.0.1:5000", "0.0.0.0:8000", "10.1.1.1:5000"])
      expect(bindMatches(parseBindAddress(bad) as never, expected)).toBe(false);
  });
});
