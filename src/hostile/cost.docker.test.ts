import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
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

// The CPU these cost the harness is measured by scripts/measure-hostile-cpu.ts (under 5 s each); here, that
// they are graded at all, with the right outcome, and leave nothing behind.
let tmp: string;
beforeAll(async () => {
  tmp = await testTemp();
});
afterAll(async () => {
  expect(await dockgradeTempEntries(tmp)).toEqual([]);
  await removeTemp(tmp);
});

/** A 20 KB Dockerfile of chained ENV and EXPOSE (cubic expansion before). */
function hugeDockerfile(): string {
  let text = "FROM python:3.12-slim\n";
  for (let i = 0; text.length < 10_000; i++) text += `ENV V${i}=$V${Math.max(0, i - 1)}x\n`;
  while (text.length < 20_000) text += "EXPOSE 5000\n";
  return text;
}

async function grade(name: string, change?: (dir: string) => Promise<void>) {
  const submission = await copyFixture(name, tmp);
  await change?.(submission);
  const out = path.join(tmp, `out-${name}`);
  const run = runCli(["check", submission, "--rubric", RUBRIC, "--out", out, "--lang", "en"], tmp);
  const ended = await runIdWhileRunning(tmp, run);
  expect(ended.code, run.stderr()).toBe(0);
  const [folder] = await readdir(out);
  const report = JSON.parse(
    await readFile(path.join(out, folder as string, "report.json"), "utf8"),
  ) as Report;
  return { report, runId: ended.runId, checks: report.steps.flatMap((s) => s.checks) };
}

describe("cost amplification", () => {
  it("a 20 KB Dockerfile is refused past the instruction cap, by the rules and the build alike", async () => {
    const { checks, runId } = await grade("slow-build", (dir) =>
      writeFile(path.join(dir, "Dockerfile"), hugeDockerfile()),
    );
    const rules = checks.find((c) => c.id === "dockerfile-rules");
    expect(rules?.status).toBe("fail");
    expect(rules?.message).toMatch(/about 1\d{3} instructions; dockgrade reads at most 400/);
    expect(checks.find((c) => c.id === "build")?.status).toBe("fail");
    if (runId) expect(await leftovers(runId)).toEqual([]);
  }, 300_000);

  it("a build printing 50 MB on one line builds, with a bounded log", async () => {
    const { report, checks, runId } = await grade("huge-log");
    expect(checks.find((c) => c.id === "build")?.status).toBe("pass");
    expect(JSON.stringify(report).length).toBeLessThan(200_000);
    expect(runId).toBeDefined();
    expect(await leftovers(runId as string)).toEqual([]);
  }, 600_000);
});
