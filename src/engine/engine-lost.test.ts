import { Type as T } from "@sinclair/typebox";
import { describe, expect, it } from "vitest";
import type { DockerSession } from "../docker/session.js";
import { type AnyGrader, defineGrader, type GraderRegistry } from "../grader/contract.js";
import { testAssignment } from "../grader/test-context.js";
import type { Check, Rubric } from "../rubric/types.js";
import { SubmissionFiles } from "../submission/files.js";
import { reportLostEngine } from "./engine-lost.js";
import { gradeSubmission } from "./grade.js";

let calls = 0;
/** A Docker check that sees the engine vanish: it crashes, as graders did when the daemon went away. */
const vanishing = defineGrader({
  id: "vanishing",
  description: { en: "engine goes", fr: "le moteur part" },
  params: T.Object({ outcome: T.String() }),
  requires: ["docker"],
  messages: { ok: { en: "ok", fr: "ok" }, no: { en: "no answer", fr: "pas de réponse" } },
  async run(_ctx, params) {
    calls++;
    if (params.outcome === "crash") throw new Error("connect ECONNREFUSED /var/run/docker.sock");
    if (params.outcome === "fail")
      return { status: "fail", findings: [{ messageId: "no", severity: "problem" }] };
    return { status: "pass", findings: [{ messageId: "ok", severity: "ok" }] };
  },
});
const plain = defineGrader({
  id: "plain",
  description: { en: "no docker", fr: "sans docker" },
  params: T.Object({}),
  requires: ["repository"],
  messages: { ok: { en: "ok", fr: "ok" } },
  run: async () => ({ status: "pass", findings: [{ messageId: "ok", severity: "ok" }] }),
});
const registry: GraderRegistry = new Map<string, AnyGrader>([vanishing, plain].map((g) => [g.id, g]));

const check = (id: string, grader: string, params: Record<string, unknown> = {}): Check => ({
  id,
  grader,
  points: 1,
  params,
  needs: [],
  visibility: "visible",
  stepId: "s",
  origin: "test",
});

function rubric(checks: Check[]): Rubric {
  return {
    dir: "/rubric",
    digest: "0".repeat(64),
    assignment: testAssignment({
      id: "t",
      title: "Test",
      language: "en",
      totalPoints: checks.length,
      timeouts: { build: 1, start: 1, check: 1 },
      limits: { memoryMb: 256, cpus: 1, pids: 64 },
      reportCandidates: ["README.md"],
    }),
    steps: [{ id: "s", title: "S", points: checks.length, file: "x", checks }],
  };
}

async function grade(checks: Check[], answers: boolean) {
  calls = 0;
  const session = {
    runId: "r1",
    engineVersion: "test",
    engineAnswers: async () => answers,
    close: async () => {},
  } as unknown as DockerSession;
  return gradeSubmission({
    rubric: rubric(checks),
    registry,
    submission: { source: ".", repoRoot: process.cwd(), root: process.cwd(), rootRel: "" },
    files: new SubmissionFiles(process.cwd(), process.cwd()),
    lang: "en",
    toolVersion: "0.0.0-test",
    docker: { available: true, version: "test", apiVersion: "1.41" },
    openDockerSession: async () => session,
    // One check at a time, so "no more Docker checks once the engine is lost" is observable; checks already
    // running in parallel when it goes away end the same way (they ask the engine after failing).
    concurrency: { docker: 1, local: 1 },
  });
}

describe("the engine lost mid-run", () => {
  const checks = [
    check("a", "vanishing", { outcome: "pass" }),
    check("b", "vanishing", { outcome: "crash" }),
    check("c", "vanishing", { outcome: "fail" }),
    check("d", "plain"),
  ];

  it("ends every Docker check that could not run in `error`, saying so, and runs no more of them", async () => {
    const report = await grade(checks, false);
    const results = report.steps[0]?.checks.map((c) => [c.id, c.status, c.findings[0]?.messageId]);
    expect(results).toEqual([
      ["a", "pass", "ok"],
      ["b", "error", "engine.engineLost"],
      ["c", "error", "engine.engineLost"],
      ["d", "pass", "ok"],
    ]);
    expect(calls).toBe(2);
    expect(report.steps[0]?.checks[1]?.message).toMatch(/^Not checked: the Docker engine stopped answering/);
    expect(report.steps[0]?.checks[1]?.message).not.toMatch(/crash|bug/);
    expect(reportLostEngine(report)).toBe(true);
  });

  it("keeps a crash and a failure as they are while the engine answers", async () => {
    const report = await grade(checks, true);
    expect(report.steps[0]?.checks.map((c) => c.findings[0]?.messageId)).toEqual([
      "ok",
      "engine.crashed",
      "no",
      "ok",
    ]);
    expect(reportLostEngine(report)).toBe(false);
  });
});
