import { beforeAll, describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import { dockerBackend } from "../docker/backend.js";
import { gradeSource } from "../engine/grade-source.js";
import { reportErrors } from "../report/validate.js";
import { loadRubric } from "../rubric/load.js";
import type { Rubric } from "../rubric/types.js";
import { stableView } from "./expected.js";
import { type ExampleOutcome, listExamples, runExamples } from "./run-examples.js";

// Every example submission, graded on the real engine with the bundled rubric, scores exactly what its
// EXPECTED.json says, check by check. `npm run examples` shows the same diff for a rubric author.
let rubric: Rubric;
let outcomes: Map<string, ExampleOutcome>;

beforeAll(async () => {
  const loaded = await loadRubric("rubrics/docker-basics", registry);
  if (!loaded.ok) throw new Error("the bundled rubric does not load");
  rubric = loaded.rubric;
  const graded = await runExamples({
    dir: "submissions-example",
    rubric,
    docker: dockerBackend,
    concurrency: 2,
  });
  outcomes = new Map(graded.map((outcome) => [outcome.name, outcome]));
}, 900_000);

describe("example submissions", async () => {
  const names = await listExamples("submissions-example");

  it("are at least the complete one and seven flawed ones", () => {
    expect(names).toContain("complete");
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  it.each(names)("%s scores exactly its EXPECTED.json", (name) => {
    const outcome = outcomes.get(name);
    expect(outcome?.differences).toEqual([]);
    expect(reportErrors(outcome?.report)).toEqual([]);
  });

  it("the complete submission scores 100/100 with every check passed", () => {
    const report = outcomes.get("complete")?.report;
    expect([report?.score, report?.maxScore]).toEqual([100, 100]);
    const notPassed = report?.steps.flatMap((s) => s.checks).filter((c) => c.status !== "pass");
    expect(notPassed?.map((c) => `${c.id}: ${c.message}`)).toEqual([]);
  });

  it("grading the same submission twice gives the same report, apart from times and ids", async () => {
    const first = outcomes.get("shell-form-cmd")?.report;
    const second = await gradeSource("submissions-example/shell-form-cmd", {
      rubric,
      lang: "en",
      docker: dockerBackend,
    });
    expect(stableView(second)).toEqual(stableView(first as NonNullable<typeof first>));
  }, 300_000);
});
