import { describe, expect, it } from "vitest";
import { classMix, median, ratio, seconds, table } from "./stats.js";

describe("benchmark statistics", () => {
  it.each([
    { values: [], want: Number.NaN },
    { values: [3], want: 3 },
    { values: [5, 1, 3], want: 3 },
    { values: [4, 1, 3, 2], want: 2.5 },
  ])("median of $values is $want", ({ values, want }) => {
    expect(median(values)).toBe(want);
  });

  it.each([
    { a: 5, b: 10, want: "0.50" },
    { a: 5, b: 0, want: "–" },
    { a: Number.NaN, b: 1, want: "–" },
  ])("ratio $a / $b is $want", ({ a, b, want }) => {
    expect(ratio(a, b)).toBe(want);
  });

  it("formats seconds and tables", () => {
    expect(seconds(1234)).toBe("1.23");
    expect(table(["a", "bb"], [["1", "2"]])).toBe("| a | bb |\n|---|----|\n| 1 | 2  |");
  });

  it.each([
    { n: 1, want: ["complete"] },
    { n: 5, want: ["complete", "x", "complete", "y", "complete"] },
  ])("a class of $n alternates complete and flawed submissions", ({ n, want }) => {
    expect(classMix(n, ["x", "y"])).toEqual(want);
  });
});
