import { Type as T } from "@sinclair/typebox";
import { creditStatus, defineGrader, type Finding, type MessageId } from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";
import { type LocalText, localize } from "../src/i18n/text.js";
import { splitAnswers } from "../src/markdown/answers.js";
import { assignAnswers } from "../src/quiz/assign.js";
import { QuestionSchema, type QuestionScore, scoreAnswer } from "../src/quiz/score-answer.js";
import type { Concept } from "../src/text/concepts.js";
import { PatternString } from "../src/text/pattern.js";
import { loadReportSection, reportMessages } from "./kit/report.js";

const messages = {
  ...reportMessages,
  conceptFound: {
    en: "{question}: the answer states this idea: {concept}.",
    fr: "{question} : la réponse énonce cette idée : {concept}.",
  },
  conceptMissing: {
    en: "{question}: an idea is missing: {concept}. Add it to your answer.",
    fr: "{question} : une idée manque : {concept}. Ajoutez-la à votre réponse.",
  },
  answerMissing: {
    en: '{question}: no answer found in section "{section}" (expected a numbered item, bullet, sub-heading or table row). Answer the question.',
    fr: "{question} : aucune réponse trouvée dans la section « {section} » (élément numéroté, puce, sous-titre ou ligne de tableau attendu). Répondez à la question.",
  },
  copiedQuestion: {
    en: "{question}: the answer only repeats the question, so it earns nothing. Answer it in your own words.",
    fr: "{question} : la réponse ne fait que reprendre la question, elle ne rapporte rien. Répondez avec vos propres mots.",
  },
  stuffed: {
    en: "{question}: keywords thrown together are not an answer: credit capped at {cap}%. Say in a sentence what each one does.",
    fr: "{question} : des mots-clés mis bout à bout ne font pas une réponse : crédit plafonné à {cap} %. Dites en une phrase ce que fait chacun.",
  },
  unexplained: {
    en: "{question}: keywords or commands without explanation (fewer than {words} words of prose, or no sentence): credit capped at {cap}%. Explain in a sentence or two.",
    fr: "{question} : mots-clés ou commandes sans explication (moins de {words} mots de texte, ou aucune phrase) : crédit plafonné à {cap} %. Expliquez en une ou deux phrases.",
  },
} satisfies MessageCatalog;

type Id = MessageId<typeof messages>;

/**
 * `quiz`: the answers of a quiz section of the report state what the rubric expects. The section is
 * split into answers (sub-headings, numbered items, blockquotes, table rows, bullets: see
 * `splitAnswers`), each question finds its answer (by `match`, else by position: see `assignAnswers`),
 * and each answer earns the weight of the concepts it states (not in a negated clause) over the question's
 * `fullCredit`, with three rules (see `scoreAnswer`): an answer that repeats the question earns 0; where
 * the question asks for an explanation, a bare list of keywords or commands is capped at `keywordCap`;
 * keywords thrown together are capped at `stuffedCap`. The check's credit is the questions' weighted sum.
 * Once an answer has full credit, the concepts it leaves out are not reported as missing.
 */
export default defineGrader({
  id: "quiz",
  description: {
    en: "Quiz answers in the report state the expected concepts (partial credit per concept).",
    fr: "Les réponses au quiz du compte rendu énoncent les notions attendues (crédit partiel par notion).",
  },
  params: T.Object(
    {
      section: PatternString({
        default: "etape\\s*6|quiz",
        description: "Pattern of the section's heading.",
      }),
      example: T.String({
        default: "Etape 6 — Mini-quiz",
        description: "A heading that matches, quoted to the student when the section is missing.",
      }),
      questions: T.Array(QuestionSchema, {
        minItems: 1,
        description:
          "The questions, in the course's order; see docs/snippets/quiz-check.yaml for the five of Etape 6.",
      }),
      keywordCap: T.Number({
        minimum: 0,
        maximum: 1,
        default: 0.5,
        description: "Highest credit of an answer without explanation, where the question asks for one.",
      }),
      stuffedCap: T.Number({
        minimum: 0,
        maximum: 1,
        default: 0.2,
        description:
          "Highest credit of keywords thrown together (six lone words, six words in a row with no grammatical word, or four docker commands, with no sentence).",
      }),
      hints: T.Union([T.Literal("general"), T.Literal("full")], {
        default: "general",
        description:
          "What feedback names for a missing concept: `general`, its `hint` (the idea in general terms, not the " +
          "answer; the `label` where a concept has no hint); `full`, its `label` (the expected answer, for self-study).",
      }),
      minProseWords: T.Integer({
        minimum: 0,
        default: 6,
        description:
          "Words outside code (with one clause of 6+ words holding a grammatical word) that make an explanation.",
      }),
    },
    { additionalProperties: false },
  ),
  requires: ["repository"],
  messages,
  async run(ctx, params) {
    const loaded = await loadReportSection(ctx, params.section, params.example);
    if (!loaded.ok) return loaded.result;
    const { file, section } = loaded.report;
    const answers = assignAnswers(params.questions, splitAnswers(section.children));
    const findings: Finding<Id>[] = [];
    const scores: Array<QuestionScore | { id: string; credit: 0; answered: false }> = [];
    let earned = 0;
    let total = 0;
    params.questions.forEach((q, i) => {
      const name = q.title ? `Q${i + 1} (${localize(q.title, ctx.lang)})` : `Q${i + 1}`;
      const answer = answers.get(q.id);
      total += q.weight;
      if (!answer) {
        const data = { question: name, section: section.title };
        findings.push({ messageId: "answerMissing", severity: "problem", data, file, line: section.line });
        scores.push({ id: q.id, credit: 0, answered: false });
        return;
      }
      const score = scoreAnswer(answer, q, params);
      scores.push(score);
      earned += q.weight * score.credit;
      const at = { file, line: answer.line };
      const say = (messageId: Id, severity: Finding["severity"], data: Finding["data"] = {}) =>
        findings.push({ messageId, severity, data: { question: name, ...data }, ...at });
      if (score.copied) say("copiedQuestion", "problem");
      for (const c of score.found) say("conceptFound", "ok", { concept: localize(c.label, ctx.lang) });
      // A complete answer has nothing missing: the concepts it leaves out are depth, never required.
      for (const c of score.copied || score.coverage >= 1 ? [] : score.missing)
        say("conceptMissing", "problem", { concept: localize(missingIdea(c, params.hints), ctx.lang) });
      if (score.stuffed && score.coverage > params.stuffedCap)
        say("stuffed", "problem", { cap: Math.round(params.stuffedCap * 100) });
      else if (score.unexplained && score.coverage > params.keywordCap)
        say("unexplained", "problem", {
          words: params.minProseWords,
          cap: Math.round(params.keywordCap * 100),
        });
    });
    const credit = total === 0 ? 0 : Math.round((earned / total) * 10_000) / 10_000;
    const details = {
      section: section.title,
      questions: scores.map((s) =>
        "answered" in s
          ? s
          : {
              id: s.id,
              credit: s.credit,
              found: s.found.map((c) => c.id),
              missing: s.missing.map((c) => c.id),
              copied: s.copied,
              unexplained: s.unexplained,
              stuffed: s.stuffed,
            },
      ),
    };
    return { status: creditStatus(credit), credit, findings, details };
  },
});

/** What feedback names for a missing concept: the general hint, unless the rubric hands out the answer key. */
export function missingIdea(concept: Concept, hints: "general" | "full"): LocalText {
  return hints === "full" ? concept.label : (concept.hint ?? concept.label);
}
