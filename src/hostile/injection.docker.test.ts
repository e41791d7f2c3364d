import { readdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasControlCharacters } from "../report/sanitize.js";
import type { Report } from "../report/schema.js";
import { commandsInLog } from "../reporters/workflow-commands.js";
import {
  copyFixture,
  dockgradeTempEntries,
  leftovers,
  RUBRIC,
  removeTemp,
  runCli,
  runIdWhileRunning,
  testTemp,
} from "./harness.js";

let tmp: string;
let report: Report;
let markdown: string;
let terminal: string;
let runId: string | undefined;

const REPORT_NAME = "RE\u001b]0;t\u0007PORT\r.md";

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

beforeAll(async () => {
  tmp = await testTemp();
  const submission = await copyFixture("noisy", tmp);
  await rename(path.join(submission, "README.md"), path.join(submission, REPORT_NAME));
  const out = path.join(tmp, "out");
  const run = runCli(["check", submission, "--rubric", RUBRIC, "--out", out, "--lang", "en"], tmp);
  const ended = await runIdWhileRunning(tmp, run);
  expect(ended.code, run.stderr()).toBe(0);
  runId = ended.runId;
  terminal = run.stdout() + run.stderr();
  const [folder] = await readdir(out);
  report = JSON.parse(await readFile(path.join(out, folder as string, "report.json"), "utf8")) as Report;
  markdown = await readFile(path.join(out, folder as string, "report.md"), "utf8");
}, 600_000);

afterAll(async () => {
  expect(await dockgradeTempEntries(tmp)).toEqual([]);
  await removeTemp(tmp);
});

describe("student text from logs, HTTP bodies, README headings and file names", () => {
  it("was graded: the server's 500 is the student's failure, and the hostile text was read", () => {
    const checks = report.steps.flatMap((step) => step.checks);
    expect(checks.find((c) => c.id === "api-quote")?.status).toBe("fail");
    expect(JSON.stringify(report)).toContain("forged-by-student");
    expect(report.submission.reportFile).toBe("REPORT .md");
  });

  it("reaches report.json without a control character", () => {
    expect(strings(report).filter(hasControlCharacters)).toEqual([]);
  });

  it("reaches the terminal without an escape sequence or a workflow command", () => {
    expect(hasControlCharacters(terminal)).toBe(false);
    expect(commandsInLog(terminal)).toEqual([]);
  });

  it("cannot forge a heading, a table row, HTML or a workflow command in report.md", () => {
    expect(hasControlCharacters(markdown)).toBe(false);
    const lines = markdown.split("\n");
    expect(lines.filter((line) => line.includes("Forged") && !line.startsWith("|"))).toEqual([]);
    expect(lines.filter((line) => line.startsWith("|") && !line.endsWith("|"))).toEqual([]);
    expect(commandsInLog(markdown)).toEqual([]);
  });

  it("leaves nothing labelled on the engine", async () => {
    expect(runId).toBeDefined();
    expect(await leftovers(runId as string)).toEqual([]);
  });
});
