import { type Static, Type as T } from "@sinclair/typebox";
import { LocalTextSchema } from "../i18n/local-text-schema.js";
import { type Answer, answerProse, answerText } from "../markdown/answers.js";
import { type Concept, ConceptSchema, matchConcepts } from "../text/concepts.js";
import { PatternString } from "../text/pattern.js";
import { isExplained, isStuffed } from "../text/prose.js";
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
    fullCredit: T.Optional(
      T.Number({
        exclusiveMinimum: 0,
        description:
          "Concept weight that earns full credit (default: the sum of all weights). Lower it so that the core " +
          "a teacher accepts earns full credit and further concepts are depth that is never required.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type Question = Static<typeof QuestionSchema>;

export interface ScoringRules {
  /** Highest credit of an unexplained answer to a question that asks for an explanation. */
  keywordCap: number;
  /** Words outside code an answer needs (with one real sentence) to count as explained. */
  minProseWords: number;
  /** Highest credit of keywords thrown together (see `isStuffed`), whatever the question. */
  stuffedCap: number;
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
  /** Keywords thrown together with no sentence: not an answer (see `isStuffed`). */
  stuffed: boolean;
}

/**
 * Scores one answer. Rules, in order:
 * 1. an answer that only repeats the question (`copiesQuestion` against its French or English title)
 *    earns 0;
 * 2. otherwise credit = weight of the question's concepts found in the answer (title included, concepts
 *    stated in a negated clause left out) over `fullCredit`, at most 1;
 * 3. when the question asks for an explanation and the answer has fewer than `minProseWords` words
 *    outside code or no sentence at all (`isExplained`), credit is capped at `keywordCap`: a list of
 *    keywords or commands shows recall, not understanding;
 * 4. keywords thrown together (`isStuffed`: a bag of lone words, or of commands) are capped at
 *    `stuffedCap`, whatever the question.
 */
export function scoreAnswer(answer: Answer, question: Question, rules: ScoringRules): QuestionScore {
  const text = answerText(answer);
  const titles =
    question.title === undefined
      ? []
      : typeof question.title === "string"
        ? [question.title]
        : Object.values(question.title);
  const base = { id: question.id, unexplained: false, stuffed: false };
  if (titles.some((title) => title && copiesQuestion(text, title)))
    return { ...base, credit: 0, coverage: 0, found: [], missing: [...question.concepts], copied: true };
  const match = matchConcepts(text, question.concepts, { fullCredit: question.fullCredit, negation: true });
  const prose = answerProse(answer);
  const unexplained = question.explain && !isExplained(prose, rules.minProseWords);
  const stuffed = isStuffed(prose, text);
  let credit = unexplained ? Math.min(match.coverage, rules.keywordCap) : match.coverage;
  if (stuffed) credit = Math.min(credit, rules.stuffedCap);
  return {
    ...base,
    credit,
    coverage: match.coverage,
    found: match.found,
    missing: match.missing,
    copied: false,
    unexplained,
    stuffed,
  };
}
