import { afterAll, describe, expect, it } from "vitest";
import { rendered } from "../src/grader/test-context.js";
import exec from "./exec.js";
import { FixtureSessions } from "./kit/app/test-sessions.js";

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
