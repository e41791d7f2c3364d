import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { registry } from "../../../graders/index.js";
import type { Report } from "../../report/schema.js";
import { loadRubric } from "../../rubric/load.js";
import { classifyChange, outputInside } from "./changes.js";
import { checksToRerun, isClassified } from "./check-inputs.js";
import { changeLines } from "./diff.js";
import { replayed } from "./replay.js";

const fixture = JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8")) as Report;

describe("which file is an input of what", () => {
  const context = { reportFile: "tp1/TP.md", ownOutput: ["reports/lab"] };
  it.each([
    ["README.md", "report"],
    ["tp1/TP.md", "report"],
    ["media/docker-ps.png", "report"],
    ["Dockerfile", "context"],
    ["app.py", "context"],
    ["requirements.txt", "context"],
    ["data/quotes.txt", "context"],
    [".dockerignore", "context"],
    [".git/index", undefined],
    [".venv/lib/site.py", undefined],
    ["__pycache__/app.cpython-312.pyc", undefined],
    ["reports/lab/report.json", undefined],
    [".app.py.swp", undefined],
    ["4913", undefined],
    ["app.py~", undefined],
  ])("%s -> %s", (rel, input) => expect(classifyChange(rel, context)).toBe(input));

  it.each([
    ["/home/s/lab/reports/lab", ["reports/lab"]],
    ["/tmp/out/lab", []],
    ["/home/s/lab", []],
  ])("the reports folder %s, seen from the repository: %j", (out, expected) => {
    expect(outputInside("/home/s/lab", out)).toEqual(expected);
  });
});

describe("which checks grade again", () => {
  it("every registered grader says what it reads", () => {
    expect([...registry.values()].filter((grader) => !isClassified(grader)).map((g) => g.id)).toEqual([]);
  });

  it("on the course's rubric: a report edit re-runs the report checks only, a context edit the rest", async () => {
    const loaded = await loadRubric("rubrics/docker-basics", registry);
    if (!loaded.ok) throw new Error("the bundled rubric does not load");
    const checks = loaded.rubric.steps.flatMap((step) => step.checks);
    const grader = (id: string) => checks.find((check) => check.id === id)?.grader;
    const report = checksToRerun(loaded.rubric, registry, new Set(["report"]));
    expect(report.size).toBeGreaterThan(5);
    for (const id of report) {
      expect(["claims", "evidence", "quiz", "report-section", "screenshots", "tags"]).toContain(grader(id));
    }
    const context = checksToRerun(loaded.rubric, registry, new Set(["context"]));
    expect(checks.filter((c) => c.grader === "build").every((c) => context.has(c.id))).toBe(true);
    expect(checks.filter((c) => c.grader === "report-section").some((c) => context.has(c.id))).toBe(false);
    expect(checksToRerun(loaded.rubric, registry, new Set(["report", "context"])).size).toBe(checks.length);
  });
});

describe("what changed since the last run", () => {
  const moved = structuredClone(fixture);
  const checks = moved.steps.flatMap((step) => step.checks);
  Object.assign(checks[1] as object, { status: "pass", score: 5 });
  Object.assign(checks[3] as object, { status: "pass", score: 3 });
  moved.score = fixture.score + 5.5;

  it.each([
    [
      "en",
      [
        "Since the last run:",
        "   +2.5  CMD in exec form  (2.5 → 5/5, PARTIAL → PASS)",
        "     +3  hidden check  (0 → 3/3, ERROR → PASS)",
        "Total: 7.5 → 13/20 (+5.5)",
      ],
    ],
  ] as const)("in %s: points gained or lost per check, hidden titles kept hidden", (lang, lines) => {
    const titled = structuredClone(moved);
    const check = titled.steps.flatMap((step) => step.checks)[1];
    if (check) check.title = "CMD in exec form";
    expect(changeLines(fixture, titled, lang, false)).toEqual(lines);
  });

  it("says so when nothing moved", () => {
    expect(changeLines(fixture, fixture, "fr", false)).toEqual([
      "Aucun point gagné ni perdu depuis le dernier passage.",
      "Total : 7.5 → 7.5/20 (±0)",
    ]);
  });

  it("gives a previous result back to the engine as it was", () => {
    const partial = fixture.steps.flatMap((step) => step.checks)[1];
    if (!partial) throw new Error("fixture");
    const again = replayed(partial);
    expect(again.status).toBe("partial");
    expect(again.credit).toBeCloseTo(partial.score / partial.maxScore);
    expect(again.findings.map((f) => f.messageId)).toEqual(partial.findings.map((f) => f.messageId));
  });
});
