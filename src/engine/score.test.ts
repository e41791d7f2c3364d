import { describe, expect, it } from "vitest";
import type { CheckStatus } from "../grader/contract.js";
import { checkScore, coherentStatus } from "./score.js";

describe("coherentStatus", () => {
  it.each<[CheckStatus, number | undefined, CheckStatus]>([
    ["pass", undefined, "pass"],
    ["pass", 1, "pass"],
    ["pass", 0.5, "partial"],
    ["pass", 0, "fail"],
    ["partial", 0.5, "partial"],
    ["partial", 1, "pass"],
    ["partial", 0, "fail"],
    ["partial", undefined, "fail"],
    ["fail", 0.5, "fail"],
    ["skipped", undefined, "skipped"],
    ["error", 1, "error"],
  ])("%s with credit %s is %s", (status, credit, expected) => {
    expect(coherentStatus(status, credit)).toBe(expected);
  });

  it("shows a status that matches the points earned", () => {
    for (const credit of [undefined, 0, 0.25, 1])
      for (const status of ["pass", "partial"] as const) {
        const shown = coherentStatus(status, credit);
        const score = checkScore(shown, credit, 4);
        expect([shown, score === 4 ? "pass" : score === 0 ? "fail" : "partial"]).toEqual([shown, shown]);
      }
  });
});
