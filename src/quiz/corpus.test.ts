import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import quiz from "../../graders/quiz.js";
import { answerOf } from "../markdown/answers.js";
import { parseMarkdown } from "../markdown/parse.js";
import { paramsWithDefaults } from "../rubric/validate-schema.js";
import { type Question, scoreAnswer } from "./score-answer.js";

interface Case {
  kind: string;
  expect: number;
  text: string;
}

const snippet = parse(readFileSync(new URL("../../docs/snippets/quiz-check.yaml", import.meta.url), "utf8"));
const params = snippet[0].params;
const corpus: Record<string, Case[]> = parse(
  readFileSync(new URL("./__fixtures__/quiz-corpus.yaml", import.meta.url), "utf8"),
);

describe("the quiz snippet", () => {
  it("is a valid quiz check with the five questions of Etape 6", () => {
    expect(() => paramsWithDefaults(quiz.params, params)).not.toThrow();
    expect(params.questions.map((q: Question) => q.id)).toEqual(Object.keys(corpus));
  });
});

describe.each(Object.entries(corpus))("answers to %s", (questionId, cases) => {
  const question = params.questions.find((q: Question) => q.id === questionId) as Question;

  it("has at least 20 answers of every kind", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const kinds = cases.map((c) => c.kind);
    for (const prefix of ["complete-fr", "complete-en", "partial", "wrong", "copied-fr", "copied-en"])
      expect(
        kinds.some((k) => k.startsWith(prefix)),
        prefix,
      ).toBe(true);
    expect(kinds.some((k) => k.includes("noaccent"))).toBe(true);
    expect(kinds.some((k) => k.startsWith("keywords") || k.startsWith("commands"))).toBe(true);
  });

  it.each(cases)("$kind earns $expect", ({ text, expect: expected, kind }) => {
    const answer = answerOf(parseMarkdown(text).children);
    const score = scoreAnswer(answer, question, params);
    const summary = {
      kind,
      found: score.found.map((c) => c.id),
      copied: score.copied,
      unexplained: score.unexplained,
    };
    expect(score.credit, JSON.stringify(summary)).toBeCloseTo(expected, 5);
    if (kind.startsWith("copied")) expect(score.copied).toBe(true);
  });
});
