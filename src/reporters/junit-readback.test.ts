// The JUnit output read back by a maintained JUnit parser (junit2json, the parser CI dashboards' tooling
// uses): what a CI test view will show is what the report says.
import { readFileSync } from "node:fs";
import { parse, type TestSuites } from "junit2json";
import { describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { renderJunit } from "./junit.js";

const report = JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8")) as Report;

describe("JUnit XML read back by junit2json", () => {
  it("has a suite per step and a case per check, with the points, statuses and feedback of the report", async () => {
    const parsed = (await parse(renderJunit(report, { showHidden: true }))) as TestSuites;
    const suites = parsed.testsuite ?? [];
    expect(suites.map((suite) => suite.name)).toEqual(report.steps.map((step) => step.title));
    report.steps.forEach((step, s) => {
      const cases = suites[s]?.testcase ?? [];
      expect(cases).toHaveLength(step.checks.length);
      step.checks.forEach((check, c) => {
        const testcase = cases[c];
        const properties = Object.fromEntries(
          (testcase as { properties?: Array<{ name?: string; value?: string }> })?.properties?.map((p) => [
            p.name,
            p.value,
          ]) ?? [],
        );
        expect(properties).toMatchObject({ score: check.score, max_score: check.maxScore });
        const failed = check.status === "fail" || check.status === "partial";
        expect(Boolean(testcase?.failure?.length), check.id).toBe(failed);
        expect(Boolean(testcase?.error?.length), check.id).toBe(check.status === "error");
        expect(Boolean(testcase?.skipped?.length), check.id).toBe(check.status === "skipped");
        if (failed && check.feedback) expect(testcase?.failure?.[0]?.inner).toContain(check.feedback);
      });
    });
    expect(parsed.tests).toBe(report.steps.flatMap((step) => step.checks).length);
  });
});
