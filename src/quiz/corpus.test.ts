import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registry } from "../../graders/index.js";
import quiz from "../../graders/quiz.js";
import { answerOf } from "../markdown/answers.js";
import { parseMarkdown } from "../markdown/parse.js";
import { formatProblem } from "../rubric/format.js";
import { loadRubric } from "../rubric/load.js";
import { paramsWithDefaults } from "../rubric/validate-schema.js";
import { type Question, type ScoringRules, scoreAnswer } from "./score-answer.js";

interface Case {
  kind: string;
  expect: number;
  text: string;
}

// The quiz check exactly as the grader receives it from the bundled rubric (loaded, validated, defaults).
const loaded = await loadRubric("rubrics/docker-basics", registry);
if (!loaded.ok) throw new Error(loaded.problems.map((p) => formatProblem(p, "en")).join("\n"));
const check = loaded.rubric.steps.flatMap((s) => s.checks).find((c) => c.grader === quiz.id);
const params = check?.params as unknown as ScoringRules & { questions: Question[] };
const snippet = parse(readFileSync(new URL("../../docs/snippets/quiz-check.yaml", import.meta.url), "utf8"));
const corpus: Record<string, Case[]> = parse(
  readFileSync(new URL("./__fixtures__/quiz-corpus.yaml", import.meta.url), "utf8"),
);

describe("the quiz check", () => {
  it("has the five questions of Etape 6, and docs/snippets/quiz-check.yaml is the rubric's check", () => {
    expect(params.questions.map((q: Question) => q.id)).toEqual(Object.keys(corpus));
    expect(paramsWithDefaults(quiz.params, snippet[0].params)).toEqual(params);
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
