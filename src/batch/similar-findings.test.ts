import { describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { withSimilarFindings } from "./similar-findings.js";
import { memberReport } from "./summary-testkit.js";
import type { SimilarityPair } from "./types.js";

const quizCheck = {
  id: "quiz-answers",
  grader: "quiz",
  status: "partial" as const,
  score: 6,
  maxScore: 13,
  message: "Question 2: the answer does not say why the layer is cached.",
  visibility: "visible" as const,
  durationMs: 3,
  findings: [
    {
      messageId: "missingConcept",
      severity: "problem" as const,
      message: "Question 2: the answer does not say why the layer is cached.",
    },
  ],
};
const report: Report = memberReport([
  { id: "s6", title: "Quiz", score: 6, maxScore: 13, checks: [quizCheck] },
]);
const pair = (b: string, reference = false): SimilarityPair => ({
  a: "alice",
  b,
  kind: "readme",
  score: 0.874,
  reference,
  passages: [{ a: "A named volume keeps\u001b[31m the quotes\nafter the container is removed.", b: "..." }],
});

describe("withSimilarFindings", () => {
  it("adds a finding with the other student and the passage, and keeps the score and the problems", () => {
    const flagged = withSimilarFindings(report, "alice", [
      pair("bob"),
      { ...pair("carol"), kind: "dockerfile" },
    ]);
    const check = flagged.steps[0]?.checks[0];
    expect(check?.score).toBe(6);
    expect(check?.status).toBe("partial");
    expect(check?.findings).toHaveLength(2);
    expect(check?.findings[1]).toMatchObject({
      messageId: "batch.similar",
      severity: "info",
      data: { other: "bob", percent: 87 },
    });
    expect(check?.message).toBe(
      "Question 2: the answer does not say why the layer is cached.\nFor the instructor: this report's text is nearly the same as bob's (87 % in common), for example: “A named volume keeps [31m the quotes after the container is removed.”. The score is unchanged; compare the two before deciding.",
    );
  });

  it("words a published reference as such, in the report's language", () => {
    const fr = withSimilarFindings({ ...report, lang: "fr" }, "alice", [pair("reference:corrige.md", true)]);
    expect(fr.steps[0]?.checks[0]?.message).toContain("au texte publié corrige.md (87 % en commun)");
    expect(fr.steps[0]?.checks[0]?.findings[1]?.messageId).toBe("batch.similarReference");
  });

  it("is idempotent and removes findings of pairs that are gone", () => {
    const once = withSimilarFindings(report, "alice", [pair("bob")]);
    expect(withSimilarFindings(once, "alice", [pair("bob")])).toEqual(once);
    expect(withSimilarFindings(once, "alice", [])).toEqual(report);
    expect(withSimilarFindings(report, "alice", [])).toBe(report);
    expect(withSimilarFindings(report, "dave", [pair("bob")])).toBe(report);
  });
});
