import path from "node:path";
import pLimit from "p-limit";
import { beforeAll, describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import { dockerBackend } from "../docker/backend.js";
import { gradeSource } from "../engine/grade-source.js";
import { reportErrors } from "../report/validate.js";
import { bundledExampleSets, type ExampleSet } from "./bundled-examples.js";
import { stableView } from "./expected.js";
import { type ExampleOutcome, listExamples, runExamples } from "./run-examples.js";

// Every example submission of every bundled rubric, graded on the real engine with the rubric that declares
// it (`examples:` in its assignment.yaml), scores exactly what its EXPECTED.json says, check by check.
// `npm run examples` shows the same diff for a rubric author. One pool of two gradings serves every rubric.
let sets: Map<string, ExampleSet>;
let outcomes: Map<string, ExampleOutcome>;

const { sets: found, problems } = await bundledExampleSets(registry);
const examples = await Promise.all(
  found.map(async (set) => (await listExamples(set.dir)).map((name) => `${set.name}/${name}`)),
).then((lists) => lists.flat());

beforeAll(async () => {
  sets = new Map(found.map((set) => [set.name, set]));
  const limit = pLimit(2);
  const graded = await Promise.all(
    found.map(async (set) =>
      (await runExamples({ dir: set.dir, rubric: set.rubric, registry, docker: dockerBackend, limit })).map(
        (outcome) => [`${set.name}/${outcome.name}`, outcome] as const,
      ),
    ),
  );
  outcomes = new Map(graded.flat());
}, 1_200_000);

describe("example submissions", () => {
  it("every bundled rubric loads; docker-basics and flask-docker declare examples", () => {
    expect(problems).toEqual([]);
    expect(found.map((set) => set.name)).toEqual(["docker-basics", "flask-docker"]);
  });

  it("are, per rubric, the complete one and flawed ones", () => {
    const count = (rubric: string) => examples.filter((name) => name.startsWith(`${rubric}/`)).length;
    expect(examples).toContain("docker-basics/complete");
    expect(examples).toContain("flask-docker/complete");
    expect(count("docker-basics")).toBeGreaterThanOrEqual(8);
    expect(count("flask-docker")).toBeGreaterThanOrEqual(4);
  });

  it.each(examples)("%s scores exactly its EXPECTED.json", (name) => {
    const outcome = outcomes.get(name);
    expect(outcome?.differences).toEqual([]);
    expect(reportErrors(outcome?.report)).toEqual([]);
  });

  it.each(["docker-basics", "flask-docker"])(
    "%s/complete scores 100/100 with every check passed",
    (rubric) => {
      const report = outcomes.get(`${rubric}/complete`)?.report;
      expect([report?.score, report?.maxScore]).toEqual([100, 100]);
      const notPassed = report?.steps.flatMap((s) => s.checks).filter((c) => c.status !== "pass");
      expect(notPassed?.map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    },
  );

  it("flask-docker/port-5000 is told its server listens on the wrong port", () => {
    const report = outcomes.get("flask-docker/port-5000")?.report;
    const checks = new Map(report?.steps.flatMap((s) => s.checks).map((c) => [c.id, c]));
    expect(
      checks
        .get("gunicorn-8000")
        ?.findings.map((f) => f.message)
        .join("\n"),
    ).toContain("8000");
    expect(checks.get("health-route")?.status).toBe("fail");
    expect(checks.get("served-by-gunicorn")?.status).toBe("skipped");
  });

  it("grading the same submission twice gives the same report, apart from times and ids", async () => {
    const first = outcomes.get("docker-basics/shell-form-cmd")?.report;
    const set = sets.get("docker-basics") as ExampleSet;
    // The same folder as the first grading named it (the source is part of the report).
    const second = await gradeSource(path.join(set.dir, "shell-form-cmd"), {
      rubric: set.rubric,
      registry,
      lang: "en",
      docker: dockerBackend,
    });
    expect(stableView(second)).toEqual(stableView(first as NonNullable<typeof first>));
  }, 300_000);
});
