import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registry } from "../../graders/index.js";
import quiz from "../../graders/quiz.js";
import { answerOf } from "../markdown/answers.js";
import { parseMarkdown } from "../markdown/parse.js";
import { formatProblem } from "../rubric/format.js";
import { loadRubric } from "../rubric/load.js";
import { agreement, agreementBy, agreementTable, type Scored } from "./agreement.js";
import { type Question, type ScoringRules, scoreAnswer } from "./score-answer.js";

// The calibration set: answers with a teacher's score (see the file's header for the teacher's scheme).
interface Case {
  question: string;
  lang: "fr" | "en";
  accents?: boolean;
  kind: "good" | "partial" | "wrong" | "off-topic" | "stuffed" | "negated";
  teacher: number;
  why: string;
  text: string;
}

const TOLERANCE = 0.1;
const TARGET = 0.9;
const cases: Case[] = parse(
  readFileSync(new URL("./__fixtures__/calibration.yaml", import.meta.url), "utf8"),
);

/** The quiz check's parameters exactly as the grader receives them from the bundled rubric. */
async function bundledQuizParams(): Promise<ScoringRules & { questions: Question[] }> {
  const loaded = await loadRubric("rubrics/docker-basics", registry);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => formatProblem(p, "en")).join("\n"));
  const check = loaded.rubric.steps.flatMap((s) => s.checks).find((c) => c.grader === quiz.id);
  if (!check) throw new Error("the bundled rubric has no quiz check");
  return check.params as never;
}

let scored: Array<Scored & { case: Case; found: string }> = [];

beforeAll(async () => {
  const params = await bundledQuizParams();
  scored = cases.map((c) => {
    const question = params.questions.find((q) => q.id === c.question);
    if (!question) throw new Error(`calibration answer to unknown question ${c.question}`);
    const score = scoreAnswer(answerOf(parseMarkdown(c.text).children), question, params);
    const lang = c.lang === "fr" && c.accents === false ? "fr-noaccent" : c.lang;
    const flags = [score.copied && "copied", score.unexplained && "unexplained", score.stuffed && "stuffed"];
    return {
      found: [...score.found.map((f) => f.id), ...flags.filter(Boolean)].join(" "),
      teacher: c.teacher,
      score: score.credit,
      groups: { question: c.question, lang, kind: c.kind },
      case: c,
    };
  });
  const misses = scored
    .filter((s) => Math.abs(s.score - s.teacher) > TOLERANCE + 1e-9)
    .map(
      (s) =>
        `  ${s.case.question} ${s.case.kind} ${s.groups.lang}: teacher ${s.teacher}, scorer ${s.score.toFixed(2)} [${s.found}] — ${s.case.text.trim().slice(0, 80)}`,
    );
  console.log(
    `Quiz calibration (±${TOLERANCE.toFixed(2)}):\n${agreementTable(scored, ["question", "lang", "kind"], TOLERANCE)}\n` +
      (misses.length ? `Outside the tolerance:\n${misses.join("\n")}` : "Every answer within the tolerance."),
  );
});

describe("the quiz calibration set", () => {
  it("has 40+ answers covering every question, language and kind, each with a reason", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const [field, values] of [
      ["question", ["entrypoint-vs-cmd", "container-env", "proxy-build", "disk-usage", "why-rm"]],
      ["lang", ["fr", "en"]],
      ["kind", ["good", "partial", "wrong", "off-topic", "stuffed", "negated"]],
    ] as const)
      expect(new Set(cases.map((c) => c[field]))).toEqual(new Set(values));
    expect(cases.filter((c) => c.accents === false).length).toBeGreaterThanOrEqual(8);
    for (const c of cases) {
      expect(c.teacher, c.text).toBeGreaterThanOrEqual(0);
      expect(c.teacher, c.text).toBeLessThanOrEqual(1);
      expect(c.why, c.text).toMatch(/\w{3}/);
      if (c.accents === false) expect(c.text, "typed without accents").not.toMatch(/[À-ÿ]/);
    }
  });

  it(`agrees with the teacher within ±${TOLERANCE} on at least ${TARGET * 100} % of the answers`, () => {
    expect(agreement(scored, TOLERANCE).within).toBeGreaterThanOrEqual(TARGET);
  });

  it.each(["question", "lang", "kind"])(
    "is neither harsher nor kinder than the teacher on average, per %s",
    (group) => {
      for (const [value, a] of agreementBy(scored, group, TOLERANCE))
        expect(
          Math.abs(a.meanGap),
          `${group}=${value}: mean gap ${a.meanGap.toFixed(3)}`,
        ).toBeLessThanOrEqual(TOLERANCE);
    },
  );
});
