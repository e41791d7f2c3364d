import { Type as T } from "@sinclair/typebox";
import { creditStatus, defineGrader, type Finding, type MessageId } from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";
import { localize } from "../src/i18n/text.js";
import { plainText } from "../src/markdown/parse.js";
import { ConceptSchema, matchConcepts } from "../src/text/concepts.js";
import { PatternString } from "../src/text/pattern.js";
import { proseStats } from "../src/text/prose.js";
import { loadReportSection, reportMessages } from "./kit/report.js";

/** The grader's messages, apart so the helpers below can name their ids. */
const messages = {
  ...reportMessages,
  sectionFound: { en: 'Section "{section}" found.', fr: "Section « {section} » trouvée." },
  conceptFound: {
    en: '"{section}" explains this point: {concept}.',
    fr: "« {section} » explique ce point : {concept}.",
  },
  conceptMissing: {
    en: '"{section}" leaves this point unexplained: {concept}. Add a sentence about it.',
    fr: "« {section} » n'explique pas ce point : {concept}. Ajoutez une phrase à ce sujet.",
  },
  tooShort: {
    en: '"{section}" has {words} words of text outside code; at least {minWords} are expected. Explain in your own words, not only with commands.',
    fr: "« {section} » compte {words} mots de texte hors code ; au moins {minWords} sont attendus. Expliquez avec vos mots, pas seulement avec des commandes.",
  },
} satisfies MessageCatalog;

type Id = MessageId<typeof messages>;

/**
 * `report-section`: a step of the report exists (a heading matching `section`) and explains the given
 * concepts, matched as in `quiz` (see `src/text/concepts.ts`) over the section's text, sub-sections and
 * code included, its own heading excluded. Credit = weighted share of the concepts found, multiplied by
 * words / minWords when the section's prose (words outside code) is shorter than `minWords`.
 */
export default defineGrader({
  id: "report-section",
  description: {
    en: "A step of the report exists and explains the expected concepts.",
    fr: "Une étape du compte rendu existe et explique les notions attendues.",
  },
  params: T.Object(
    {
      section: PatternString({ description: "Pattern of the section's heading." }),
      example: T.String({
        default: "Etape N",
        description: "A heading that matches, quoted to the student when the section is missing.",
      }),
      concepts: T.Array(ConceptSchema, {
        default: [],
        description: "What the section must explain; empty: the section only has to exist.",
      }),
      minWords: T.Integer({
        minimum: 0,
        default: 0,
        description: "Words outside code below which the credit shrinks in proportion.",
      }),
    },
    { additionalProperties: false },
  ),
  requires: ["repository"],
  messages: messages,
  async run(ctx, params) {
    const loaded = await loadReportSection(ctx, params.section, params.example);
    if (!loaded.ok) return loaded.result;
    const { file, section } = loaded.report;
    const at = { file, line: section.line };
    const name = section.title;
    const match = matchConcepts(plainText(section.children), params.concepts);
    const words = proseStats(plainText(section.children, { code: false })).words;
    const findings: Finding<Id>[] = [
      { messageId: "sectionFound", severity: "ok", data: { section: name }, ...at },
    ];
    for (const c of match.found)
      findings.push({
        messageId: "conceptFound",
        severity: "ok",
        data: { section: name, concept: localize(c.label, ctx.lang) },
        ...at,
      });
    for (const c of match.missing)
      findings.push({
        messageId: "conceptMissing",
        severity: "problem",
        data: { section: name, concept: localize(c.label, ctx.lang) },
        ...at,
      });
    const length = params.minWords > 0 ? Math.min(1, words / params.minWords) : 1;
    if (length < 1)
      findings.push({
        messageId: "tooShort",
        severity: "problem",
        data: { section: name, words, minWords: params.minWords },
        ...at,
      });
    const credit = Math.round(match.coverage * length * 10_000) / 10_000;
    const details = {
      section: name,
      found: match.found.map((c) => c.id),
      missing: match.missing.map((c) => c.id),
      words,
    };
    return { status: creditStatus(credit), credit, findings, details };
  },
});
