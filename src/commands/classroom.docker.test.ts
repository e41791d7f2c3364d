import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { commandsInLog } from "../reporters/workflow-commands.js";

// The action's grading step run as GitHub runs it: GITHUB_ACTIONS=true, fresh GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, stdout and stderr in one log. Each submission is graded once, here.
const ACTION = path.resolve(".github/actions/classroom");
const ATTACK = [
  "::set-output name=score::100",
  "::error file=app.py,line=1::injected",
  "::add-mask::Total",
  "::stop-commands::pwned",
  "::notice title=Autograding complete::Points 100/100",
  "::pwned::",
  "##[set-output name=graded;]true",
].join("\n");

interface Step {
  code: number;
  log: string;
  outputs: Record<string, string>;
  summary: string;
  report?: Report;
}

const work = mkdtempSync(path.join(tmpdir(), "dockgrade-classroom-"));
const runs = new Map<string, Step>();

function gradeStep(
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<Step> {
  const dir = path.join(work, name);
  const files = { GITHUB_OUTPUT: path.join(dir, "output"), GITHUB_STEP_SUMMARY: path.join(dir, "summary") };
  execFileSync("mkdir", ["-p", dir]);
  for (const file of Object.values(files)) writeFileSync(file, "");
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", 'bash "$GITHUB_ACTION_PATH/grade.sh" 2>&1'],
      {
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          ...files,
          ...env,
          PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
          GITHUB_ACTIONS: "true",
          GITHUB_ACTION_PATH: ACTION,
          GITHUB_WORKSPACE: process.cwd(),
          GITHUB_REPOSITORY: "student/quotegen",
          RUNNER_TEMP: dir,
          INPUT_LANG: "en",
          INPUT_RUBRIC: "",
          ...inputs,
        },
      },
      (error, stdout) => {
        try {
          const outputs = Object.fromEntries(
            readFileSync(files.GITHUB_OUTPUT, "utf8")
              .split("\n")
              .filter(Boolean)
              .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
          );
          const report = outputs.report
            ? (JSON.parse(readFileSync(outputs.report, "utf8")) as Report)
            : undefined;
          const summary = readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
          resolve({ code: error ? Number(error.code) : 0, log: stdout, outputs, summary, report });
        } catch (problem) {
          resolve({ code: -1, log: `${stdout}\n${problem}`, outputs: {}, summary: "" });
        }
      },
    );
  });
}

/** What Classroom records: the points of its two notices. */
function recorded(log: string) {
  const notices = commandsInLog(log).filter((c) => c.name === "notice");
  const complete = notices.find((c) => c.properties.title === "Autograding complete")?.message;
  const summary = notices.find((c) => c.properties.title === "Autograding report")?.message;
  return { notices, complete, json: summary ? JSON.parse(summary) : undefined };
}

beforeAll(async () => {
  // The action's own build (emit only, no dev dependencies), as its install step runs it.
  execFileSync(process.execPath, [
    "node_modules/typescript/bin/tsc",
    "-p",
    path.join(ACTION, "tsconfig.action.json"),
  ]);
  const hostile = path.join(work, "hostile-submission");
  cpSync("submissions-example/complete", hostile, { recursive: true });
  appendFileSync(path.join(hostile, "README.md"), `\n${ATTACK}\n`);
  const readme = readFileSync(path.join(hostile, "README.md"), "utf8");
  writeFileSync(path.join(hostile, "README.md"), readme.replace("\n## ", `\n${ATTACK}\n\n## `));
  appendFileSync(path.join(hostile, "data", "quotes.txt"), `${ATTACK}\n`);
  const app = readFileSync(path.join(hostile, "app.py"), "utf8");
  writeFileSync(
    path.join(hostile, "app.py"),
    // Printed at start-up, then raised by /quote: its 500 answer and its logs are quoted in the report.
    app
      .replace("app = Flask(", `print(${JSON.stringify(ATTACK)}, flush=True)\napp = Flask(`)
      .replace("def quote():\n", `def quote():\n    raise RuntimeError(${JSON.stringify(ATTACK)})\n`),
  );
  const limit = pLimit(2);
  const plan: Array<[string, Record<string, string>, Record<string, string>?]> = [
    ["complete", { INPUT_PATH: "submissions-example/complete" }],
    ["partial", { INPUT_PATH: "submissions-example/thin-report" }],
    ["build-fails", { INPUT_PATH: "submissions-example/build-fails" }],
    ["hostile", { INPUT_PATH: hostile }],
    [
      "no-engine",
      { INPUT_PATH: "submissions-example/complete" },
      { DOCKER_HOST: `unix://${work}/no-engine.sock` },
    ],
    ["bad-rubric", { INPUT_PATH: "submissions-example/complete", INPUT_RUBRIC: `${work}/no-rubric` }],
  ];
  await Promise.all(
    plan.map(([name, inputs, env]) => limit(async () => runs.set(name, await gradeStep(name, inputs, env)))),
  );
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The score an example is graded to, from its EXPECTED.json (the examples test keeps it true). */
function expectedScore(example: string): number {
  return JSON.parse(readFileSync(`submissions-example/${example}/EXPECTED.json`, "utf8")).score;
}

describe("the Classroom action's grading step", () => {
  it.each([
    ["complete", expectedScore("complete")],
    ["partial", expectedScore("thin-report")],
    ["build-fails", expectedScore("build-fails")],
    ["hostile", undefined],
  ])("%s: Classroom records the report's score, and the log's total shows it", (name, expected) => {
    const run = runs.get(name) as Step;
    expect(run.code, run.log.slice(-2000)).toBe(0);
    const report = run.report as Report;
    if (expected !== undefined) expect(report.score).toBe(expected);
    const { complete, json, notices } = recorded(run.log);
    expect(notices).toHaveLength(2);
    expect(complete).toBe(`Points ${report.score}/${report.maxScore}`);
    expect(json).toEqual({ totalPoints: report.score, maxPoints: report.maxScore });
    const totals = run.log.split("\n").filter((line) => line.startsWith("Total: "));
    expect(totals).toEqual([`Total: ${report.score}/${report.maxScore}`]);
    expect(run.outputs).toMatchObject({
      graded: "true",
      score: String(report.score),
      "max-score": String(report.maxScore),
    });
    const result = JSON.parse(Buffer.from(run.outputs.result ?? "", "base64").toString("utf8"));
    const sum = result.tests.reduce((n: number, t: { score: number }) => n + t.score, 0);
    expect(Math.round(sum * 100) / 100).toBe(report.score);
    expect(run.summary).toContain(`— ${report.score}/${report.maxScore}`);
    expect(run.summary).toContain("student/quotegen");
  });

  it("every check is in the log with its points; feedback too", () => {
    const run = runs.get("partial") as Step;
    const checks = (run.report as Report).steps.flatMap((s) => s.checks);
    for (const check of checks.filter((c) => c.visibility === "visible"))
      expect(run.log).toContain(`${check.score}/${check.maxScore}  ${check.title ?? check.id}`);
    expect(run.log).toContain("Summary page");
  });

  it("Dockerfile findings become annotations at their path in the repository", () => {
    const errors = commandsInLog((runs.get("build-fails") as Step).log).filter((c) => c.name === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.properties).toMatchObject({
      file: "submissions-example/build-fails/Dockerfile",
      line: "4",
    });
  });

  it("a submission printing workflow commands runs none of them", () => {
    const run = runs.get("hostile") as Step;
    const names = commandsInLog(run.log).map((c) => c.name);
    expect(names.filter((n) => !["add-mask", "stop-commands", "error", "notice"].includes(n))).toEqual([]);
    expect(names.filter((n) => n === "notice")).toHaveLength(2);
    const masks = commandsInLog(run.log).filter((c) => c.name === "add-mask");
    expect(masks.every((c) => c.message.startsWith("dockgrade-"))).toBe(true);
    // The one command carrying the app's text is the annotation of the 500 at the line of app.py that
    // raised it: it quotes the app's logs as its message, escaped, which GitHub shows and never runs.
    const carrying = commandsInLog(run.log).filter((c) => c.message.includes("injected"));
    expect(carrying.map((c) => c.name)).toEqual(["error"]);
    expect(carrying[0]?.properties.file).toMatch(/(^|\/)app\.py$/);
    expect(carrying[0]?.message).toMatch(/^GET \/quote should answer 200, but answered 500/);
    expect(run.log).toContain("::set-output name=score::100");
  });

  it.each([
    ["no-engine", "Docker was not available"],
    ["bad-rubric", "could not start"],
  ])("%s: the job fails with the reason and no grade is recorded", (name, reason) => {
    const run = runs.get(name) as Step;
    expect(run.code).toBe(2);
    expect(recorded(run.log).notices).toEqual([]);
    const errors = commandsInLog(run.log).filter((c) => c.name === "error");
    expect(errors.map((c) => c.properties.title)).toContain("Not graded");
    expect(errors.some((c) => c.message.includes(reason))).toBe(true);
    expect(run.outputs).toEqual({ graded: "false" });
    expect(run.summary).toContain("Not graded");
  });
});
