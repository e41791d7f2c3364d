import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { inertCell, renderGradesCsv } from "./grades-csv.js";
import type { BatchManifest } from "./store.js";
import { histogram, summarize } from "./summary.js";
import type { SubmissionRow } from "./types.js";

const manifest: BatchManifest = {
  version: 1,
  rubric: { id: "lab", title: "Lab", digest: "d", maxScore: 20 },
  lang: "en",
  columns: ["identifier", "name"],
  steps: [
    { id: "s1", title: "Step 1", maxScore: 10 },
    { id: "s2", title: "Step 2", maxScore: 10 },
  ],
  checks: [
    { id: "c1", title: "First check", stepId: "s1" },
    { id: "c2", title: "Second check", stepId: "s2" },
  ],
  entries: [],
};

function graded(id: string, s1: number, s2: number, notPassed: string[] = []): SubmissionRow {
  return {
    id,
    columns: { identifier: id, name: `Name ${id}` },
    status: "graded",
    score: s1 + s2,
    maxScore: 20,
    steps: { s1, s2 },
    notPassed,
    harnessErrors: [],
    commit: "abc",
    commitDate: "2026-12-01T10:00:00Z",
    reportPath: `${id}/report.md`,
  };
}

const rows: SubmissionRow[] = [
  graded("a", 10, 10),
  graded("b", 5, 7, ["c1", "c2"]),
  graded("c", 0, 2, ["c1"]),
  {
    id: "d",
    columns: { identifier: "d", name: '=HYPERLINK("x")' },
    status: "error",
    error: "No repository",
    maxScore: 20,
    steps: {},
    notPassed: [],
    harnessErrors: [],
  },
];

describe("summarize", () => {
  const summary = summarize({ manifest, rows, similarity: [], toolVersion: "1", generatedAt: "now" });

  it("counts, averages and ranks the checks over graded submissions only", () => {
    expect(summary.stats).toEqual({
      count: 4,
      graded: 3,
      errors: 1,
      mean: 11.33,
      median: 12,
      min: 2,
      max: 20,
    });
    expect(summary.steps.map((s) => s.average)).toEqual([5, 6.33]);
    expect(summary.mostFailed.map((c) => [c.checkId, c.notPassed, c.graded])).toEqual([
      ["c1", 2, 3],
      ["c2", 1, 3],
    ]);
    expect(summary.histogram.reduce((n, bin) => n + bin.count, 0)).toBe(3);
  });

  it("puts the maximum in the last bin and a zero in the first", () => {
    const bins = histogram([0, 20, 19.9, 10], 20);
    expect(bins).toHaveLength(10);
    expect(bins[0]?.count).toBe(1);
    expect(bins[5]?.count).toBe(1);
    expect(bins[9]?.count).toBe(2);
  });

  it("writes grades.csv with the roster columns, a maximum row, one column per step, and inert cells", () => {
    const table = parse(renderGradesCsv(summary)) as string[][];
    expect(table[0]).toEqual([
      "identifier",
      "name",
      "commit",
      "commit date",
      "total",
      "Step 1",
      "Step 2",
      "status",
      "error",
    ]);
    expect(table[1]).toEqual(["Points possible", "", "", "", "20", "10", "10", "", ""]);
    expect(table[2]).toEqual(["a", "Name a", "abc", "2026-12-01T10:00:00Z", "20", "10", "10", "graded", ""]);
    expect(table[5]).toEqual(["d", '\'=HYPERLINK("x")', "", "", "", "", "", "not graded", "No repository"]);
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["-5", "-5"],
    ["-cmd", "'-cmd"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["plain", "plain"],
  ])("inertCell(%j) = %j", (cell, expected) => {
    expect(inertCell(cell)).toBe(expected);
  });
});
