import { Type as T } from "@sinclair/typebox";
import { describe, expect, it } from "vitest";
import type { DockerSession } from "../docker/session.js";
import { type AnyGrader, defineGrader, type GraderRegistry } from "../grader/contract.js";
import type { CheckResult } from "../report/schema.js";
import { reportErrors } from "../report/validate.js";
import { type Check, DEFAULT_BUILD, type Rubric } from "../rubric/types.js";
import { SubmissionFiles } from "../submission/files.js";
import { checkNames, gradeSubmission } from "./grade.js";

// The engine is under test here: these graders are simple, real graders that do what their params say.
const fixed = defineGrader({
  id: "fixed",
  description: { en: "returns the status it is given", fr: "renvoie le statut donné" },
  params: T.Object({ status: T.String(), credit: T.Optional(T.Number()) }),
  requires: ["repository"],
  messages: { said: { en: "said {status}", fr: "a dit {status}" } },
  async run(_ctx, params) {
    return {
      status: params.status as "pass",
      credit: params.credit,
      findings: [
        {
          messageId: "said",
          severity: params.status === "pass" ? "ok" : "problem",
          data: { status: params.status },
        },
      ],
    };
  },
});
const crashing = defineGrader({
  id: "crashing",
  description: { en: "throws", fr: "lève une exception" },
  params: T.Object({}),
  requires: ["repository"],
  messages: {},
  async run() {
    throw new TypeError("boom");
  },
});
const misworded = defineGrader({
  id: "misworded",
  description: { en: "names a message it does not have", fr: "cite un message qu'il n'a pas" },
  params: T.Object({}),
  requires: ["repository"],
  messages: { said: { en: "said", fr: "a dit" } },
  async run() {
    // Only a cast gets past the type checker: the engine must still survive it.
    return { status: "pass", findings: [{ messageId: "sayd" as "said", severity: "ok" }] };
  },
});

const slow = defineGrader({
  id: "slow",
  description: { en: "never answers", fr: "ne répond jamais" },
  params: T.Object({}),
  requires: ["repository"],
  messages: {},
  run: (ctx) =>
    new Promise((resolve) => {
      ctx.signal.addEventListener("abort", () => resolve({ status: "pass", findings: [] }));
    }),
});
const dockerish = defineGrader({
  id: "dockerish",
  description: { en: "needs docker", fr: "a besoin de docker" },
  params: T.Object({}),
  requires: ["docker"],
  messages: { ran: { en: "ran in {run}", fr: "exécutée dans {run}" } },
  async run(ctx) {
    return {
      status: "pass",
      findings: [{ messageId: "ran", severity: "ok", data: { run: ctx.docker?.runId } }],
    };
  },
});
// Counts the checks in flight at once, per pool; each waits a few event-loop turns before passing.
const inFlight = { docker: 0, local: 0, maxDocker: 0, maxLocal: 0 };
const waitTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 1));
};
const counted = (id: "counted-docker" | "counted-local", pool: "docker" | "local") =>
  defineGrader({
    id,
    description: { en: "counts checks in flight", fr: "compte les vérifications en cours" },
    params: T.Object({ turns: T.Number() }),
    requires: pool === "docker" ? ["docker"] : ["repository"],
    messages: {},
    async run(_ctx, params) {
      inFlight[pool]++;
      if (pool === "docker") inFlight.maxDocker = Math.max(inFlight.maxDocker, inFlight.docker);
      else inFlight.maxLocal = Math.max(inFlight.maxLocal, inFlight.local);
      await waitTurns(params.turns);
      inFlight[pool]--;
      return { status: "pass", findings: [] };
    },
  });
const registry: GraderRegistry = new Map<string, AnyGrader>(
  [
    fixed,
    crashing,
    misworded,
    slow,
    dockerish,
    counted("counted-docker", "docker"),
    counted("counted-local", "local"),
  ].map((g) => [g.id, g]),
);

function check(
  id: string,
  grader: string,
  points: number,
  params: Record<string, unknown> = {},
  needs: string[] = [],
): Check {
  return { id, grader, points, params, needs, visibility: "visible", stepId: "s", origin: "test" };
}

function rubricOf(...steps: Check[][]): Rubric {
  return {
    dir: "/rubric",
    digest: "0".repeat(64),
    assignment: {
      id: "t",
      title: "Test",
      language: "en",
      totalPoints: steps.flat().reduce((n, c) => n + c.points, 0),
      image: { name: "quotegen", tags: ["latest"] },
      steps: [],
      timeouts: { build: 1, start: 1, check: 1 },
      limits: { memoryMb: 256, cpus: 1, pids: 64 },
      build: { ...DEFAULT_BUILD },
      reportCandidates: ["README.md"],
      stepHeading: "^etape\\s*\\d",
      dockerfile: "Dockerfile",
    },
    steps: steps.map((checks, i) => ({
      id: `step-${i}`,
      title: `Step ${i}`,
      points: checks.reduce((n, c) => n + c.points, 0),
      file: "x",
      checks,
    })),
  };
}

const submission = { source: ".", repoRoot: process.cwd(), root: process.cwd(), rootRel: "" };
const files = new SubmissionFiles(process.cwd(), process.cwd());
let clock = 0;
const base = {
  registry,
  submission,
  files,
  lang: "en" as const,
  toolVersion: "0.0.0-test",
  docker: { available: false as const, reason: "test: no engine" },
  now: () => new Date(Date.UTC(2026, 0, 1) + clock++),
};

describe("gradeSubmission", () => {
  it("runs checks after what they need, whatever the rubric order", async () => {
    const order: string[] = [];
    const rubric = rubricOf([
      check("b", "fixed", 1, { status: "pass" }, ["a"]),
      check("a", "fixed", 1, { status: "pass" }),
    ]);
    await gradeSubmission({ ...base, rubric, onCheck: (r) => order.push(r.id) });
    expect(order).toEqual(["a", "b"]);
  });

  it("skips checks whose needs failed, naming them, and scores partial credit", async () => {
    const rubric = rubricOf(
      [
        {
          ...check("build", "fixed", 4, { status: "fail" }),
          title: { fr: "Image construite", en: "Image builds" },
        },
        check("run", "fixed", 6, { status: "pass" }, ["build"]),
      ],
      [
        check("half", "fixed", 10, { status: "partial", credit: 0.25 }),
        check("after-half", "fixed", 2, { status: "pass" }, ["half"]),
      ],
    );
    const report = await gradeSubmission({ ...base, rubric });
    const [first, second] = report.steps;
    expect(first!.checks.map((c) => [c.id, c.status, c.score])).toEqual([
      ["build", "fail", 0],
      ["run", "skipped", 0],
    ]);
    expect(first!.checks[1]!.message).toBe(
      'Not run: "Image builds" must pass first. Fix what it reports; this check will then run.',
    );
    const fr = await gradeSubmission({ ...base, rubric, lang: "fr" });
    expect(fr.steps[0]!.checks[1]!.message).toContain("attend d'abord la réussite de « Image construite »");
    expect(second!.checks.map((c) => [c.id, c.status, c.score])).toEqual([
      ["half", "partial", 2.5],
      ["after-half", "pass", 2],
    ]);
    expect([first!.score, first!.maxScore, second!.score, second!.maxScore]).toEqual([0, 10, 4.5, 12]);
    expect([report.score, report.maxScore]).toEqual([4.5, 22]);
  });

  it("turns a crash, a timeout and an unknown message id into `error` results and carries on", async () => {
    const rubric = rubricOf([
      check("crash", "crashing", 1),
      check("hang", "slow", 1),
      check("typo", "misworded", 1),
      check("fine", "fixed", 1, { status: "pass" }),
    ]);
    const report = await gradeSubmission({ ...base, rubric });
    const [crash, hang, typo, fine] = report.steps[0]!.checks;
    expect(typo).toMatchObject({ status: "error", score: 0 });
    expect(typo!.message).toContain(
      'misworded reported a finding dockgrade could not word (unknown message id "sayd")',
    );
    expect(crash).toMatchObject({ status: "error", score: 0 });
    expect(crash!.message).toContain("The grader crashing crashed: TypeError: boom");
    expect(hang).toMatchObject({ status: "error", score: 0 });
    expect(hang!.message).toContain("did not finish within 1 s");
    expect(fine).toMatchObject({ status: "pass", score: 1 });
  });

  it("skips Docker checks with the reason when no engine is reachable, and still grades the rest", async () => {
    const rubric = rubricOf([
      check("static", "fixed", 1, { status: "pass" }),
      check("container", "dockerish", 3),
    ]);
    const report = await gradeSubmission({ ...base, rubric });
    const [ok, skipped] = report.steps[0]!.checks;
    expect(ok!.status).toBe("pass");
    expect(skipped!.status).toBe("skipped");
    expect(skipped!.message).toContain("needs a Docker engine and none is reachable (test: no engine)");
    expect(report.environment.docker).toEqual({ available: false, reason: "test: no engine" });
  });

  it("opens one Docker session for all checks of a submission and closes it", async () => {
    let opened = 0;
    let closed = 0;
    const session: DockerSession = {
      runId: "r1",
      engineVersion: "test",
      close: async () => {
        closed++;
      },
    } as DockerSession;
    const rubric = rubricOf([check("c1", "dockerish", 1), check("c2", "dockerish", 1)]);
    const report = await gradeSubmission({
      ...base,
      rubric,
      docker: { available: true, version: "test", apiVersion: "1.41" },
      openDockerSession: async () => {
        opened++;
        return session;
      },
    });
    expect([opened, closed]).toEqual([1, 1]);
    expect(report.steps[0]!.checks.map((c) => c.message)).toEqual(["ran in r1", "ran in r1"]);
  });

  it("runs independent checks at once within the caps, and reports them in the rubric's order", async () => {
    const containers = ["c1", "c2", "c3", "c4", "c5"].map((id, i) =>
      check(id, "counted-docker", 1, { turns: 5 + i }, ["build"]),
    );
    const locals = ["l1", "l2", "l3"].map((id) => check(id, "counted-local", 1, { turns: 3 }));
    const rubric = rubricOf([check("build", "counted-docker", 1, { turns: 10 }), ...locals], containers);
    const started: string[] = [];
    const finished: string[] = [];
    let opened = 0;
    const report = await gradeSubmission({
      ...base,
      rubric,
      docker: { available: true, version: "test", apiVersion: "1.41" },
      openDockerSession: async () => {
        opened++;
        return { runId: "r", close: async () => {} } as DockerSession;
      },
      concurrency: { docker: 3, local: 2 },
      onCheckStart: (c) => started.push(c.id),
      onCheck: (r) => finished.push(r.id),
    });
    // Local checks ran while the "build" did; then three container checks at a time, never more.
    expect(started.slice(0, 3).sort()).toEqual(["build", "l1", "l2"]);
    expect(finished.indexOf("l1")).toBeLessThan(finished.indexOf("build"));
    expect([inFlight.maxDocker, inFlight.maxLocal, opened]).toEqual([3, 2, 1]);
    expect(report.steps.flatMap((step) => step.checks.map((c) => c.id))).toEqual([
      "build",
      "l1",
      "l2",
      "l3",
      "c1",
      "c2",
      "c3",
      "c4",
      "c5",
    ]);
    expect(report.score).toBe(9);
  });

  it("holds the shared Docker slot for each Docker check, and only for those", async () => {
    let held = 0;
    const rubric = rubricOf([
      check("d1", "counted-docker", 1, { turns: 2 }),
      check("d2", "counted-docker", 1, { turns: 2 }),
      check("local", "counted-local", 1, { turns: 2 }),
    ]);
    await gradeSubmission({
      ...base,
      rubric,
      docker: { available: true, version: "test", apiVersion: "1.41" },
      openDockerSession: async () => ({ runId: "r", close: async () => {} }) as DockerSession,
      dockerSlot: async (work) => {
        held++;
        return work();
      },
    });
    expect(held).toBe(2);
  });

  it("produces a report that validates against the versioned schema", async () => {
    const rubric = rubricOf([check("a", "fixed", 1, { status: "pass" }), check("b", "crashing", 1)]);
    const report = await gradeSubmission({ ...base, rubric });
    expect(reportErrors(report)).toEqual([]);
    expect(report.schemaVersion).toMatch(/^1\./);
  });
});

describe("checkNames", () => {
  const result = (title?: string) => ({ title }) as unknown as CheckResult;
  it("names the checks by title, in words, in each language", () => {
    expect(checkNames([result("A"), result("B"), result("C")], "en")).toBe('"A", "B" and "C"');
    expect(checkNames([result("A"), result("B")], "fr")).toBe("« A » et « B »");
    expect(checkNames([result()], "en")).toBe("an earlier check");
  });
});
