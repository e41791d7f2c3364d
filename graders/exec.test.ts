import { describe, expect, it } from "vitest";
import type { Finding } from "../src/grader/contract.js";
import { testAssignment } from "../src/grader/test-context.js";
import { renderMessage } from "../src/i18n/catalog.js";
import { type ExecExpectations, type ExecRun, judgeExec } from "./exec/judge.js";
import { type AppRunState, execPlace } from "./exec/place.js";
import exec from "./exec.js";
import { appRunOptions } from "./kit/app/shared-start.js";

function render(findings: Finding[]): string {
  const texts = findings.flatMap((f) =>
    (["en", "fr"] as const).map((lang) => renderMessage(exec.messages, f.messageId, lang, f.data)),
  );
  for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
  return texts.filter((_, i) => i % 2 === 0).join("\n");
}

const expectations = (over: Partial<ExecExpectations> = {}): ExecExpectations => ({
  command: ["python3", "-c", "import flask; print(flask.__name__)"],
  expectedExitCode: 0,
  expectedOutput: [],
  excludedOutput: [],
  timeoutSeconds: 10,
  ...over,
});
const ran = (over: Partial<ExecRun> = {}): ExecRun => ({
  exitCode: 0,
  timedOut: false,
  output: "flask\n",
  ...over,
});

describe("judgeExec", () => {
  it("passes on the expected exit code and output", () => {
    const judged = judgeExec(
      expectations({ expectedOutput: ["^flask$"], excludedOutput: ["Traceback"] }),
      ran(),
    );
    expect(judged.passed).toBe(true);
    expect(render(judged.findings)).toBe(
      "`python3 -c 'import flask; print(flask.__name__)'` exited with code 0.\n" +
        "`python3 -c 'import flask; print(flask.__name__)'`: its output contains \"flask\".",
    );
  });

  it.each<[string, Partial<ExecExpectations>, Partial<ExecRun>, string[]]>([
    [
      "a wrong exit code",
      {},
      {
        exitCode: 1,
        output: "Traceback (most recent call last):\nModuleNotFoundError: No module named 'flask'",
      },
      ["execExitCode"],
    ],
    [
      "a missing program",
      {},
      {
        exitCode: 127,
        output: 'OCI runtime exec failed: exec: "python3": executable file not found in $PATH',
      },
      ["execNotFound"],
    ],
    ["a timeout", {}, { exitCode: undefined, timedOut: true, output: "" }, ["execTimedOut"]],
    ["missing output", { expectedOutput: ["^2\\."] }, {}, ["execMissingOutput"]],
    ["excluded output", { excludedOutput: ["fla+sk"] }, {}, ["execExcludedOutput"]],
    [
      "several at once",
      { expectedExitCode: 3, expectedOutput: ["x", "flask"], excludedOutput: ["^f"] },
      {},
      ["execExitCode", "execMissingOutput", "execExcludedOutput"],
    ],
  ])("fails on %s, each unmet expectation its own finding", (_name, over, run, ids) => {
    const judged = judgeExec(expectations(over), ran(run));
    expect(judged.passed).toBe(false);
    expect(judged.findings.map((f) => f.messageId)).toEqual(ids);
    render(judged.findings);
  });

  it("quotes the output and the match", () => {
    const judged = judgeExec(expectations({ excludedOutput: ["fla+sk"] }), ran({ output: "flask\nok\n" }));
    expect(render(judged.findings)).toContain('its output should not contain "flask", but it shows "flask"');
    const failed = judgeExec(expectations(), ran({ exitCode: 2, output: "" }));
    expect(render(failed.findings)).toContain(
      "should exit with code 0, but exited with code 2. Its output:\n    (no output)",
    );
  });
});

describe("execPlace: where an inAppRun command runs, given the app's shared run", () => {
  const run = (over: Partial<AppRunState> = {}): AppRunState => ({
    container: true,
    running: true,
    writableRoot: false,
    ...over,
  });
  it.each<[string, Partial<AppRunState>, ReturnType<typeof execPlace>]>([
    // Whether the app answered does not matter: one listening on 127.0.0.1 still runs the image as is.
    ["its container runs, the app answering or not", {}, "app-run"],
    ["no container (the engine refused it)", { container: false, running: false }, "own-container"],
    ["its container has exited (a crash at start)", { running: false }, "own-container"],
    ["the app needed a writable root", { writableRoot: true }, "own-container"],
    ["the app needed a writable root and exited", { writableRoot: true, running: false }, "own-container"],
  ])("%s: %s", (_name, over, place) => {
    expect(execPlace(run(over))).toBe(place);
  });
});

describe("appRunOptions: one way to start the app for the checks that share its run", () => {
  const ctx = { assignment: testAssignment({ timeouts: { build: 120, start: 25, check: 60 } }) };

  it("gives equal options, hence one lease key, whatever order the parameters come in", () => {
    const a = appRunOptions(ctx, { port: 5000, readyPath: "/quote", logLines: 12 });
    const b = appRunOptions(ctx, { logLines: 12, readyPath: "/quote", port: 5000, startTimeout: undefined });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a).toEqual({ port: 5000, readyPath: "/quote", startTimeoutSeconds: 25, logLines: 12 });
    expect(appRunOptions(ctx, { port: 5000, readyPath: "/quote", startTimeout: 5, logLines: 12 })).toEqual({
      ...a,
      startTimeoutSeconds: 5,
    });
  });
});
