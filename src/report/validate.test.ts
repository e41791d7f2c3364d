import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reportErrors, reportProblems } from "./validate.js";

const report = () => JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8"));

describe("why a file is not a report this dockgrade reads", () => {
  it("finds nothing to say of a valid report", () => {
    expect(reportErrors(report())).toEqual([]);
    expect(reportProblems(report())).toEqual([]);
  });

  it.each([
    ["another JSON file", { name: "dockgrade", version: "0.1.0" }],
    ["a list", [1, 2]],
    ["a number", 42],
  ])("tells %s apart from a report", (_name, value) => {
    expect(reportProblems(value)).toEqual([{ kind: "notReport" }]);
  });

  it("tells a report of another format version by its number", () => {
    const other = { ...report(), schemaVersion: "2.0.0" };
    expect(reportProblems(other)).toEqual([{ kind: "otherVersion", found: "2.0.0", reads: "1.x" }]);
  });

  it("names each damaged field once, where it is", () => {
    const damaged = report();
    delete damaged.steps[0].checks[0].score;
    damaged.steps[1].checks[0].status = 5;
    damaged.lang = "de";
    expect(reportProblems(damaged)).toEqual([
      { kind: "invalid", where: "lang" },
      { kind: "missing", where: "steps[0].checks[0].score" },
      { kind: "wrongType", where: "steps[1].checks[0].status", expected: "string" },
    ]);
  });
});
