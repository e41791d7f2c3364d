import { describe, expect, it } from "vitest";
import { isShell, shellScript, splitShellScript } from "./shell-command.js";

describe("splitShellScript", () => {
  it("splits on operators, drops redirections and comments, keeps leading assignments apart", () => {
    expect(splitShellScript("set -e; A=1 B='x y' run --flag 2>&1 > /tmp/log && other | tail # done")).toEqual(
      [
        { argv: ["set", "-e"], assignments: {} },
        { argv: ["run", "--flag"], assignments: { A: "1", B: "x y" } },
        { argv: ["other"], assignments: {} },
        { argv: ["tail"], assignments: {} },
      ],
    );
  });

  it("expands known variables, applies defaults, leaves unknown ones visible", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and Dockerfile syntax, not a template
    const [command] = splitShellScript('serve "$HOST:${PORT:-5000}" $MISSING ${X}', { HOST: "0.0.0.0" });
    expect(command?.argv).toEqual(["serve", "0.0.0.0:5000", "$MISSING", "$X"]);
  });
});

describe("shellScript", () => {
  it.each([
    [["/bin/sh", "-c", "a b"], "a b"],
    [["bash", "-lc", "a"], "a"],
    [["sh", "-e", "-c", "a"], "a"],
    [["sh", "script.sh"], undefined],
    [["gunicorn", "-c", "conf.py"], undefined],
  ])("%j", (argv, script) => {
    expect(shellScript(argv)).toBe(script);
  });

  it("knows shells by their name only", () => {
    expect(["/bin/sh", "bash", "/usr/bin/dash", "ash"].every(isShell)).toBe(true);
    expect(["shell", "ssh", "python"].some(isShell)).toBe(false);
  });
});
