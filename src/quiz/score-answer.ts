import { type Static, Type as T } from "@sinclair/typebox";
import { type Answer, answerProse, answerText } from "../markdown/answers.js";
import { LocalTextSchema } from "../rubric/schema.js";
import { type Concept, ConceptSchema, matchConcepts } from "../text/concepts.js";
import { PatternString } from "../text/pattern.js";
import { isExplained } from "../text/prose.js";
import { copiesQuestion } from "../text/resemblance.js";

export const QuestionSchema = T.Object(
  {
    id: T.String({ pattern: "^[a-z0-9][a-z0-9._-]*$", description: "Stable id of the question." }),
    title: T.Optional(
      T.Union([...LocalTextSchema.anyOf], {
        description:
          "The question as the course asks it (fr, en): named in messages; an answer that only repeats it earns nothing.",
      }),
    ),
    match: T.Optional(
      PatternString({
        description:
          "Pattern that finds the answer by its title, else by its text; without it, or when nothing matches, the answer is taken by position.",
      }),
    ),
    weight: T.Number({ exclusiveMinimum: 0, default: 1, description: "Share of the check's points." }),
    explain: T.Boolean({
      default: false,
      description:
        "The question asks for an explanation: an answer without prose (see keywordCap) is capped.",
    }),
    concepts: T.Array(ConceptSchema, { minItems: 1, description: "What a complete answer states." }),
  },
  { additionalProperties: false },
);
export type Question = Static<typeof QuestionSchema>;

export interface ScoringRules {
  /** Highest credit of an unexplained answer to a question that asks for an explanation. */
  keywordCap: number;
  /** Words outside code an answer needs (with one real sentence) to count as explained. */
  minProseWords: number;
}

export interface QuestionScore {
  id: string;
  credit: number;
  coverage: number;
  found: Concept[];
  missing: Concept[];
  /** The answer only repeats the question: it earns nothing. */
  copied: boolean;
  /** The question asks for an explanation and the answer has none (keywords or commands only). */
  unexplained: boolean;
}

/**
 * Scores one answer. Rules, in order:
 * 1. an answer that only repeats the question (`copiesQuestion` against its French or English title)
 *    earns 0;
 * 2. otherwise credit = weighted share of the question's concepts found in the answer (title included);
 * 3. when the question asks for an explanation and the answer has fewer than `minProseWords` words
 *    outside code or no sentence at all (`isExplained`), credit is capped at `keywordCap`: a list of
 *    keywords or commands shows recall, not understanding.
 */
export function scoreAnswer(answer: Answer, question: Question, rules: ScoringRules): QuestionScore {
  const text = answerText(answer);
  const titles =
    question.title === undefined
      ? []
      : typeof question.title === "string"
        ? [question.title]
        : Object.values(question.title);
  const base = { id: question.id, unexplained: false };
  if (titles.some((title) => title && copiesQuestion(text, title)))
    return { ...base, credit: 0, coverage: 0, found: [], missing: [...question.concepts], copied: true };
  const match = matchConcepts(text, question.concepts);
  const unexplained = question.explain && !isExplained(answerProse(answer), rules.minProseWords);
  const credit = unexplained ? Math.min(match.coverage, rules.keywordCap) : match.coverage;
  return {
    ...base,
    credit,
    coverage: match.coverage,
    found: match.found,
    missing: match.missing,
    copied: false,
    unexplained,
  };
}
