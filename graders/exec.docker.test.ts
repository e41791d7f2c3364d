import { afterAll, describe, expect, it } from "vitest";
import { runScheduled } from "../src/engine/schedule.js";
import type { AnyGrader, GraderResult } from "../src/grader/contract.js";
import { rendered } from "../src/grader/test-context.js";
import exec from "./exec.js";
import http from "./http.js";
import { FixtureSessions } from "./kit/app/test-sessions.js";
import lifecycle from "./lifecycle.js";

const sessions = new FixtureSessions();
afterAll(async () => {
  expect(await sessions.closeAll()).toEqual([]);
});

const complete = "submissions-example/complete";

describe("the exec grader on the real engine", () => {
  it("passes `python3 -c 'import flask'` in the complete example", async () => {
    const result = await sessions.run(exec, complete, { command: ["python3", "-c", "import flask"] });
    expect(result).toMatchObject({ status: "pass", details: { exitCode: 0, timedOut: false } });
    expect(rendered(exec, result)).toBe("`python3 -c 'import flask'` exited with code 0.");
  });

  it("checks the output against expected and excluded patterns once the app answers", async () => {
    const result = await sessions.run(exec, complete, {
      command: ["cat", "/proc/1/cmdline"],
      waitForApp: true,
      expectedOutput: ["gunicorn", "0\\.0\\.0\\.0:5000"],
      excludedOutput: ["/bin/sh"],
    });
    expect(result.status, rendered(exec, result)).toBe("pass");
    expect(rendered(exec, result)).toContain("exited with code 0.");
  });

  it("reports each unmet expectation: exit code, missing and excluded output", async () => {
    const result = await sessions.run(exec, complete, {
      command: ["sh", "-c", "echo hello; echo oops >&2; exit 3"],
      expectedOutput: ["^bye$"],
      excludedOutput: ["oops"],
    });
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => f.messageId)).toEqual([
      "execExitCode",
      "execMissingOutput",
      "execExcludedOutput",
    ]);
    const text = rendered(exec, result);
    // stdout and stderr arrive on two streams: their relative order is not fixed.
    expect(text).toContain("should exit with code 0, but exited with code 3. Its output:\n    ");
    expect(text).toMatch(/^ {4}hello$/m);
    expect(text).toMatch(/^ {4}oops$/m);
    expect(text).toContain('its output should not contain "oops", but it shows "oops"');
  });

  it("says when the program is not in the image", async () => {
    const result = await sessions.run(exec, complete, { command: ["curl", "--version"] });
    expect(result.status).toBe("fail");
    expect(rendered(exec, result)).toMatch(
      /^`curl --version` should exit with code 0, but could not run \(code 12[67]\): curl is not in the image/,
    );
  });

  it("stops waiting for a command that never ends", async () => {
    const started = Date.now();
    const result = await sessions.run(exec, complete, { command: ["sleep", "30"], timeoutSeconds: 1 });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(result.status).toBe("fail");
    expect(rendered(exec, result)).toMatch(/^`sleep 30` should finish within 1 s, but was still running/);
  });

  it("runs a command that writes outside /tmp again on a writable root, noting it", async () => {
    const result = await sessions.run(exec, complete, { command: ["touch", "/app/written"] });
    expect(result.status).toBe("pass");
    expect(result.findings.map((f) => [f.messageId, f.severity])).toEqual([
      ["execPassed", "ok"],
      ["readOnlyRetry", "info"],
    ]);
  });

  it("fails with the crash's cause when the app never starts", async () => {
    const result = await sessions.run(exec, "crash-at-import", {
      command: ["python3", "-c", "import flask"],
      waitForApp: true,
    });
    expect(result.status).toBe("fail");
    expect(rendered(exec, result)).toMatch(/with exit code 3 \(RuntimeError: QUOTEGEN-CRASH-AT-IMPORT/);
  });
});

/** What a check's verdict says, without its times, ports and container ids. */
const verdict = (result: GraderResult) => ({
  status: result.status,
  credit: result.credit,
  findings: result.findings.map((f) => [f.messageId, f.severity]),
});

const requests = [{ path: "/quote", status: 200 }];
// The default limits (a clean stop within 5 s): both fixtures stop at once, even on a loaded machine.
const lifecycleParams = {};
const importBoth = { command: ["python3", "-c", "import flask, gunicorn"], excludedOutput: ["Traceback"] };

describe("exec with inAppRun: the command in the app's run shared with http and lifecycle", () => {
  it.each(["ok", "bind-localhost"])(
    "%s: one container serves http, exec and lifecycle, with the verdicts of a container each",
    async (fixture) => {
      const { run, started } = await sessions.counted(fixture);
      const together = await Promise.all([
        run(http, { requests }),
        run(exec, { ...importBoth, inAppRun: true }),
        run(lifecycle, lifecycleParams),
      ]);
      // bind-localhost never answers on the published port: its container still runs the image as is.
      expect(started).toHaveLength(1);
      const [answered, ran] = together;
      expect(ran.status, rendered(exec, ran)).toBe("pass");
      expect(answered.status).toBe(fixture === "ok" ? "pass" : "fail");
      // Another request timeout: http's answers are kept for the session, this one asks again.
      const apart = [
        await run(http, { requests, requestTimeout: 6 }),
        await run(exec, importBoth),
        await run(lifecycle, lifecycleParams),
      ];
      expect(started).toHaveLength(4);
      expect(together.map(verdict)).toEqual(apart.map(verdict));
      expect(rendered(exec, ran)).toBe(rendered(exec, apart[1] as GraderResult));
    },
  );

  it("starts a container of its own, and says what it shows, when the app exits at start", async () => {
    const { run, started } = await sessions.counted("crash-at-import");
    // Waiting for the app makes the verdict certain: the container exits before the command can run.
    const params = { command: ["python3", "-c", "import flask"], waitForApp: true };
    const shared = await run(exec, { ...params, inAppRun: true });
    expect(started).toHaveLength(2); // the app's run, exited, then its own
    const own = await run(exec, params);
    expect(started).toHaveLength(3);
    expect(verdict(shared)).toEqual(verdict(own));
    expect(shared.status).toBe("fail");
    expect(rendered(exec, shared)).toMatch(/with exit code 3 \(RuntimeError: QUOTEGEN-CRASH-AT-IMPORT/);
  });

  it.each([1, 2, 3])(
    "ends, with the same verdicts, under the engine's scheduler with %i Docker slot(s), lending them while it waits",
    async (cap) => {
      const { run, started } = await sessions.counted("ok");
      const checks = [
        { id: "api-quote", needs: [], grader: http, params: { requests } },
        { id: "dependencies-installed", needs: [], grader: exec, params: { ...importBoth, inAppRun: true } },
        { id: "stop-cleanly", needs: [], grader: lifecycle, params: lifecycleParams },
      ];
      const results = new Map<string, GraderResult>();
      await runScheduled(checks, { pool: () => "docker", caps: { docker: cap } }, async (check, slot) => {
        results.set(check.id, await run(check.grader as AnyGrader, check.params, { idle: slot.idle }));
      });
      expect(checks.map((c) => results.get(c.id)?.status)).toEqual(["pass", "pass", "pass"]);
      // One slot: each check runs alone, so each starts the app; two or more: the three share one.
      expect(started).toHaveLength(cap === 1 ? 3 : 1);
    },
  );
});
