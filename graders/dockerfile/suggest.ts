import { parseBindAddress } from "../../src/analysis/bind-address.js";
import { splitShellScript } from "../../src/analysis/shell-command.js";
import { jsonForm } from "../kit/dockerfile/json-form.js";
import type { DockerfileParams } from "./params.js";

/**
 * The exec form of a shell-form (or broken JSON) instruction, when it is one plain command; otherwise a
 * template. Broken JSON is mostly single quotes, so those are tried as double quotes first.
 */
export function execFormOf(keyword: string, text: string): string {
  if (text.startsWith("[")) {
    try {
      const value: unknown = JSON.parse(text.replace(/'/g, '"'));
      if (Array.isArray(value) && value.every((v) => typeof v === "string"))
        return `${keyword} ${jsonForm(value)}`;
    } catch {
      // fall through to the template
    }
    return `${keyword} ["program", "argument", ...]`;
  }
  const commands = splitShellScript(text);
  const only = commands[0];
  if (commands.length !== 1 || !only || Object.keys(only.assignments).length > 0)
    return `${keyword} ["program", "argument", ...]`;
  const argv = only.argv[0] === "exec" ? only.argv.slice(1) : only.argv;
  return `${keyword} ${jsonForm(argv)}`;
}

/** The command the rubric expects, as a CMD line: what the messages tell students to write. */
export function expectedCmd(params: DockerfileParams): string {
  const bind = parseBindAddress(params.bind);
  const host = bind?.host ?? "0.0.0.0";
  const port = String(bind?.port ?? params.port);
  if (params.server === "flask-dev")
    return `CMD ${jsonForm(["flask", "run", "--host", host, "--port", port])}`;
  if (params.server === "python-script") return `CMD ${jsonForm(["python", "app.py"])}`;
  return `CMD ${jsonForm(["gunicorn", "--bind", params.bind, "app:app"])}`;
}

/** The option that sets the expected address for the expected server. */
export function bindOption(params: DockerfileParams): string {
  if (params.server === "flask-dev") {
    const bind = parseBindAddress(params.bind);
    return `--host ${bind?.host ?? "0.0.0.0"} --port ${bind?.port ?? params.port}`;
  }
  return `--bind ${params.bind}`;
}
