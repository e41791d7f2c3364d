import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GraderResult } from "../src/grader/contract.js";
import { contextFor, rendered, runWithDefaults } from "../src/grader/test-context.js";
import { paramsWithDefaults } from "../src/rubric/validate-schema.js";
import { type ImageConfig, type ImageConfigParams, judgeImageConfig } from "./image-config/judge.js";
import imageConfig from "./image-config.js";

const recorded = (name: string): ImageConfig =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/image/${name}.inspect.json`, import.meta.url), "utf8"))
    .Config;

const params = (overrides: Partial<ImageConfigParams> = {}): ImageConfigParams =>
  paramsWithDefaults(imageConfig.params, overrides) as ImageConfigParams;

const OK = recorded("ok");
const text = (result: GraderResult, lang: "en" | "fr" = "en") => rendered(imageConfig, result, lang);
const problems = (result: GraderResult) =>
  result.findings.filter((f) => f.severity === "problem").map((f) => [f.code, f.messageId]);

describe("judgeImageConfig on recorded inspect output", () => {
  it.each(["ok", "entrypoint-split", "complete"])(
    "passes %s, noting the root user as information",
    (name) => {
      const result = judgeImageConfig(recorded(name), params());
      expect(result).toMatchObject({ status: "pass", credit: 1 });
      expect(result.details?.checks).toEqual({
        expose: "pass",
        workdir: "pass",
        server: "pass",
        "exec-form": "pass",
      });
      expect(result.findings.find((f) => f.code === "IC005")).toMatchObject({
        messageId: "user.rootInfo",
        severity: "info",
      });
    },
  );

  it("fails the exec-form sub-check of a shell-form CMD and words PID 1 and exit 137 as the risk it is", () => {
    const result = judgeImageConfig(recorded("shell-form-cmd"), params());
    expect(result.status).toBe("partial");
    expect(result.credit).toBe(3 / 4);
    expect(problems(result)).toEqual([["IC004", "exec.shellForm"]]);
    expect(text(result)).toContain(
      "The command is in shell form (/bin/sh -c gunicorn --bind 0.0.0.0:5000 app:app): Docker runs it through /bin/sh -c. Where that shell stays PID 1",
    );
    expect(text(result)).toContain(
      'measures what this image does. Write it as a JSON array: CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"].',
    );
    expect(text(result)).toContain("the check that stops the container measures what this image does");
    expect(text(result, "fr")).toContain("Là où ce shell reste PID 1");
  });
});

describe("judgeImageConfig on hand-written configurations", () => {
  const cmd = (...argv: string[]): ImageConfig => ({ ...OK, Cmd: argv });

  it.each([
    ["gunicorn on the loopback", cmd("gunicorn", "--bind", "127.0.0.1:5000", "app:app"), "server.loopback"],
    ["gunicorn on port 8000", cmd("gunicorn", "--bind", "0.0.0.0:8000", "app:app"), "server.wrongPort"],
    ["gunicorn without --bind", cmd("gunicorn", "app:app"), "server.noBind"],
    ["Flask's development server", cmd("flask", "run", "--host", "0.0.0.0"), "server.flaskDev"],
    ["python app.py", cmd("python", "app.py"), "server.pythonScript"],
    ["an unexpanded $PORT", cmd("gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"), "server.unreadable"],
  ])("fails the server sub-check for %s", (_name, config, messageId) => {
    const result = judgeImageConfig(config, params());
    expect(problems(result)).toEqual([["IC003", messageId]]);
    expect(result).toMatchObject({ status: "partial", credit: 3 / 4 });
  });

  it("reads the bind address from the image's ENV through a shell that execs the server", () => {
    const config = {
      ...OK,
      Env: ["PORT=5000"],
      Cmd: ["/bin/sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app:app"],
    };
    const result = judgeImageConfig(config, params());
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings.find((f) => f.code === "IC004")?.messageId).toBe("exec.shellExec");
  });

  it("says when the command is the base image's own (no CMD in the Dockerfile)", () => {
    const result = judgeImageConfig(cmd("python3"), params(), { inheritsBaseCommand: true });
    expect(problems(result)).toEqual([["IC003", "server.baseCommand"]]);
    expect(text(result)).toContain("The image starts python3, the base image's own command");
  });

  it("fails a missing EXPOSE and WORKDIR, naming what was found", () => {
    const result = judgeImageConfig({ ...OK, ExposedPorts: { "8000/tcp": {} }, WorkingDir: "" }, params());
    expect(problems(result)).toEqual([
      ["IC001", "expose.missing"],
      ["IC002", "workdir.none"],
    ]);
    expect(text(result)).toContain("Config.ExposedPorts holds 8000/tcp. Add EXPOSE 5000");
    expect(result.credit).toBe(2 / 4);
  });

  it("has no command at all: the server fails and exec-form does not count", () => {
    const result = judgeImageConfig({ ...OK, Cmd: null, Entrypoint: null }, params());
    expect(problems(result)).toEqual([["IC003", "server.noCommand"]]);
    expect(result.details?.checks).toEqual({ expose: "pass", workdir: "pass", server: "fail" });
  });

  it("requires a non-root user only when asked", () => {
    expect(judgeImageConfig(OK, params({ requireNonRoot: true }))).toMatchObject({
      status: "partial",
      credit: 4 / 5,
    });
    const asApp = judgeImageConfig({ ...OK, User: "app" }, params({ requireNonRoot: true }));
    expect(asApp).toMatchObject({ status: "pass", credit: 1 });
    expect(
      judgeImageConfig({ ...OK, User: "0:0" }, params({ requireNonRoot: true, checks: ["user"] })),
    ).toMatchObject({
      status: "fail",
      credit: 0,
    });
  });

  it("counts only the selected sub-checks", () => {
    const config = { ...recorded("shell-form-cmd"), WorkingDir: "/" };
    expect(judgeImageConfig(config, params({ checks: ["server", "expose"] }))).toMatchObject({
      status: "pass",
      credit: 1,
    });
    expect(judgeImageConfig(config, params({ checks: ["exec-form"] }))).toMatchObject({
      status: "fail",
      credit: 0,
    });
  });

  it.each([
    ["a CMD", { Test: ["CMD", "python", "-c", "import urllib.request"] }, []],
    ["a shell command", { Test: ["CMD-SHELL", "python /app/health.py"] }, []],
    ["none", undefined, [["IC006", "healthcheck.missing"]]],
    ["HEALTHCHECK NONE", { Test: ["NONE"] }, [["IC006", "healthcheck.disabled"]]],
  ])("judges the HEALTHCHECK only when listed: %s", (_name, healthcheck, expected) => {
    const config = { ...OK, Healthcheck: healthcheck };
    expect(problems(judgeImageConfig(config, params()))).toEqual([]);
    const result = judgeImageConfig(config, params({ port: 8000, checks: ["healthcheck"] }));
    expect(problems(result)).toEqual(expected);
    expect(result.status).toBe(expected.length === 0 ? "pass" : "fail");
    if (expected.length > 0) expect(text(result, "fr")).toContain("HEALTHCHECK");
    if (!healthcheck) expect(text(result)).toContain("http://127.0.0.1:8000/health");
  });

  it("is an error when the only sub-check selected does not count", () => {
    const result = judgeImageConfig(OK, params({ checks: ["user"] }));
    expect(result).toMatchObject({ status: "error", findings: [{ messageId: "nothingToCheck" }] });
  });
});

describe("the image-config grader without an image", () => {
  it("is an error when no Docker session was handed over", async () => {
    const result = await runWithDefaults(imageConfig, contextFor("graders/__fixtures__/repos/ok"), {});
    expect(result).toMatchObject({ status: "error", findings: [{ messageId: "noSession" }] });
  });
});
