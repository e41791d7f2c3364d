import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { compareExpected, expectedOf, stableView } from "./expected.js";

const report = JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8")) as Report;

describe("EXPECTED.json comparison", () => {
  it("finds no difference between a report and its own expectation", () => {
    expect(compareExpected(expectedOf(report), expectedOf(report))).toEqual([]);
  });

  it("names each check whose status or score moved, and the totals", () => {
    const expected = expectedOf(report);
    const changed = structuredClone(report);
    changed.steps[1]!.checks[0]!.status = "pass";
    changed.steps[1]!.checks[0]!.score = 5;
    changed.steps[1]!.score = 5;
    changed.score = 10;
    expect(compareExpected(expected, expectedOf(changed))).toEqual([
      "total: expected 7.5/20, got 10/20",
      "etape-2/dockerfile-cmd: expected partial 2.5, got pass 5",
      "etape-2: expected 2.5, got 5",
    ]);
  });

  it("masks times and ids, not verdicts", () => {
    const a = structuredClone(report);
    const b = structuredClone(report);
    b.startedAt = "2030-01-01T00:00:00.000Z";
    b.steps[0]!.checks[0]!.message = a.steps[0]!.checks[0]!.message;
    a.steps[1]!.checks[1]!.message =
      "built dockgrade/abc123/quotegen:1.1.0 in 2.4 s (sha256:0123456789abcdef)";
    b.steps[1]!.checks[1]!.message = "built dockgrade/zz9/quotegen:1.1.0 in 13 s (sha256:fedcba9876543210)";
    expect(stableView(a)).toEqual(stableView(b));
    b.steps[1]!.checks[1]!.status = "fail";
    expect(stableView(a)).not.toEqual(stableView(b));
  });
});
