// Resource limits of build steps on the real engine: a (bounded) fork bomb in RUN is held to the build's PID
// limit, a disk filler is cut at the build's disk budget. Nothing labelled and no temporary folder is left.
import { access, rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import build from "../../graders/build.js";
import type { GraderContext } from "../grader/contract.js";
import { fixtureSubmission, rendered, runWithDefaults, testAssignment } from "../grader/test-context.js";
import { DEFAULT_BUILD } from "../rubric/types.js";
import { materialize } from "./hostile-support.js";
import { openDockerSession } from "./open-session.js";
import type { DockerSession } from "./session.js";
import { leftovers } from "./test-support.js";

const sessions: DockerSession[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const session of sessions) await session.close();
  const left = (await Promise.all(sessions.map((s) => leftovers(s.runId)))).flat();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  expect(left).toEqual([]);
  for (const dir of dirs) await expect(access(dir)).rejects.toThrow();
}, 120_000);

async function open(fixture: string, limits: { pids?: number; diskMb?: number }) {
  const dir = await materialize(fixture, {});
  dirs.push(dir);
  const { submission, files } = fixtureSubmission(dir);
  const assignment = testAssignment({
    build: { ...DEFAULT_BUILD, network: "closed", allowedBases: ["python:3.12-slim"], ...limits },
  });
  const session = await openDockerSession({ submission, files, assignment });
  sessions.push(session);
  const ctx: GraderContext = {
    lang: "en",
    submission,
    files,
    assignment,
    check: { id: "build", points: 1, timeoutMs: 300_000 },
    docker: session,
    signal: new AbortController().signal,
    log: () => {},
  };
  return { session, ctx };
}

describe("build steps run with PID and disk limits", () => {
  it("holds a fork bomb in RUN to the build's PID limit", async () => {
    const { session } = await open("fork", { pids: 64 });
    const outcome = await session.image();
    if (!outcome.ok) throw new Error(`build failed: ${outcome.message}\n${outcome.lastLines.join("\n")}`);
    const line = outcome.logTail.find((l) => l.startsWith("forked ")) ?? "";
    const forked = Number(/forked (\d+) of 2000/.exec(line)?.[1] ?? Number.NaN);
    expect(forked).toBeGreaterThan(10);
    expect(forked).toBeLessThan(64);
    expect(session.buildSandbox?.pidsLimit).toMatch(/^(cgroup-parent|per-step)$/);
  }, 180_000);

  it("cuts a build that writes more than its disk budget: the student's fail, naming the step", async () => {
    const started = Date.now();
    const { session, ctx } = await open("disk", { diskMb: 32 });
    const outcome = await session.image();
    expect(outcome).toMatchObject({ ok: false, reason: "disk", diskBytes: 32 * 1024 * 1024 });
    if (outcome.ok) return;
    // Cut while the step ran (it writes 320 MB over 10 s), well before it could finish.
    expect(outcome.usedBytes ?? 0).toBeGreaterThan(32 * 1024 * 1024);
    expect(outcome.usedBytes ?? 0).toBeLessThan(200 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(60_000);
    const verdict = await runWithDefaults(build, ctx, {});
    expect(verdict).toMatchObject({
      status: "fail",
      findings: [{ messageId: "diskExceeded", code: "B008" }],
    });
    expect(rendered(build, verdict)).toContain("at most 34MB");
  }, 180_000);
});
