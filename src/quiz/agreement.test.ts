import { describe, expect, it } from "vitest";
import { agreement, agreementBy, agreementTable, type Scored } from "./agreement.js";

const s = (teacher: number, score: number, lang = "fr"): Scored => ({ teacher, score, groups: { lang } });

describe("agreement", () => {
  it.each([
    // answers, tolerance, within, meanGap, worstGap
    [[], 0.1, 1, 0, 0],
    [[s(1, 1)], 0.1, 1, 0, 0],
    [[s(0.7, 0.8)], 0.1, 1, 0.1, 0.1],
    [[s(0.7, 0.81)], 0.1, 0, 0.11, 0.11],
    [[s(1, 0.5), s(0, 0)], 0.1, 0.5, -0.25, 0.5],
    [[s(0, 0.3), s(1, 0.9), s(0.5, 0.5), s(0.2, 0)], 0.1, 0.5, 0, 0.3],
  ] as Array<[Scored[], number, number, number, number]>)(
    "%j within %d",
    (answers, tolerance, within, meanGap, worstGap) => {
      const a = agreement(answers, tolerance);
      expect(a.count).toBe(answers.length);
      expect(a.within).toBeCloseTo(within, 9);
      expect(a.meanGap).toBeCloseTo(meanGap, 9);
      expect(a.worstGap).toBeCloseTo(worstGap, 9);
    },
  );

  it("groups by a field and prints one row per value", () => {
    const answers = [s(1, 1, "fr"), s(1, 0, "en"), s(0, 0, "en")];
    expect(agreementBy(answers, "lang", 0.1).map(([v, a]) => [v, a.count, a.within])).toEqual([
      ["en", 2, 0.5],
      ["fr", 1, 1],
    ]);
    const table = agreementTable(answers, ["lang"], 0.1).split("\n");
    expect(table).toHaveLength(4);
    expect(table[1]).toMatch(/^all\s+3\s+67 %\s+-0\.33\s+1\.00$/);
    expect(table[2]).toMatch(/^lang=en\s+2\s+50 %/);
  });
});
