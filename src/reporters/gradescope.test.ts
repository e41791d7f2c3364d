import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { renderGradescope } from "./gradescope.js";

const report = JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8")) as Report;
const schema = JSON.parse(readFileSync("src/reporters/__fixtures__/gradescope-results.schema.json", "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe("Gradescope results.json", () => {
  const results = JSON.parse(renderGradescope(report));

  it("validates against the schema written from Gradescope's documentation (which can fail)", async () => {
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...results, tests: [{ ...results.tests[0], status: "partial" }] })).toBe(false);
    expect(validate({ ...results, visibility: "students" })).toBe(false);
    await expect(JSON.stringify(results, null, 2)).toMatchFileSnapshot(
      "__fixtures__/report.fr.gradescope.json",
    );
  });

  it("records exactly the report's score; tests add up to it and carry the rubric's points", () => {
    expect(results.score).toBe(report.score);
    const tests = results.tests as Array<{ score: number; max_score: number; number: string }>;
    expect(tests.reduce((n, t) => n + t.score, 0)).toBe(report.score);
    expect(tests.reduce((n, t) => n + t.max_score, 0)).toBe(report.maxScore);
    expect(tests.map((t) => t.number)).toEqual(["1.1", "2.1", "2.2", "2.3", "2.4"]);
  });

  it("status, feedback as output, visibility from the rubric", () => {
    expect(results.tests[1]).toMatchObject({
      status: "failed",
      score: 2.5,
      max_score: 5,
      output:
        "Dockerfile:9 CMD en forme shell | attendu : forme exec\nConseil : Relisez la partie sur PID 1.",
      visibility: "visible",
    });
    expect(results.tests[3]).toMatchObject({ visibility: "hidden", status: "failed" });
    expect(results.tests[0]).toMatchObject({ status: "passed", visibility: "visible" });
  });
});
