import { type Static, Type as T } from "@sinclair/typebox";
import { type Lang, localize } from "../i18n/text.js";
import { LocalTextSchema } from "../rubric/schema.js";
import { normalizeText } from "./normalize.js";
import { compilePattern, isRegexPhrase, PhraseString } from "./pattern.js";

/**
 * A concept the rubric expects an answer to state, with the phrasings that count as stating it.
 *
 * Matching happens on normalised text (see `normalizeText`): no accents, lower case, straight quotes,
 * inline-code backticks dropped, en/em dashes read as `--`. A phrase is either
 * - plain: `arguments par defaut`. Its words must follow each other (spaces or hyphens between them),
 *   whole words only; each word may take a plural or gender ending (s, x, e, es), and a word ending in
 *   `*` matches any ending (`supprim*` finds supprime, supprimer, suppression is not found);
 * - a rubric pattern between slashes (`/entrypoint.{0,80}executable/`, see `src/text/pattern.ts`), matched
 *   against the normalised text; `rubric lint` refuses one that does not compile.
 */
export const ConceptSchema = T.Object(
  {
    id: T.String({ pattern: "^[a-z0-9][a-z0-9._-]*$", description: "Stable id, used in reports." }),
    weight: T.Number({ exclusiveMinimum: 0, default: 1, description: "Share of the answer's credit." }),
    label: T.Union([...LocalTextSchema.anyOf], {
      description: "What the concept is, as the student reads it in the feedback: { fr, en } or one text.",
    }),
    phrases: T.Array(PhraseString(), {
      minItems: 1,
      description:
        "Accepted phrasings, any one suffices. Plain phrase: whole words in order, plural/gender endings " +
        "tolerated, `word*` for any ending. `/regex/`: matched against the normalised text (lower case, " +
        "no accents, no backticks, dashes as `--`).",
    }),
  },
  { additionalProperties: false },
);
export type Concept = Static<typeof ConceptSchema>;

export interface ConceptMatch {
  found: Concept[];
  missing: Concept[];
  /** Weighted share of the concepts found, 0..1 (1 when there are no concepts). */
  coverage: number;
}

const compiled = new Map<string, RegExp>();

/** The regular expression a phrase stands for; cached, throws a SyntaxError on a bad `/regex/`. */
export function phraseRegExp(phrase: string): RegExp {
  let re = compiled.get(phrase);
  if (!re) {
    re = isRegexPhrase(phrase) ? compilePattern(phrase.slice(1, -1)) : plainPhrase(phrase);
    compiled.set(phrase, re);
  }
  return re;
}

/** Which concepts `text` states. `text` may be raw: it is normalised here. */
export function matchConcepts(text: string, concepts: readonly Concept[]): ConceptMatch {
  const normal = normalizeText(text);
  const found: Concept[] = [];
  const missing: Concept[] = [];
  for (const concept of concepts) {
    if (concept.phrases.some((phrase) => phraseRegExp(phrase).test(normal))) found.push(concept);
    else missing.push(concept);
  }
  const total = concepts.reduce((sum, c) => sum + (c.weight ?? 1), 0);
  const got = found.reduce((sum, c) => sum + (c.weight ?? 1), 0);
  return { found, missing, coverage: total === 0 ? 1 : got / total };
}

/** Concept labels in one language, for messages: `a, b, c`. */
export function conceptLabels(concepts: readonly Concept[], lang: Lang): string {
  return concepts.map((c) => localize(c.label, lang)).join(", ");
}

function plainPhrase(phrase: string): RegExp {
  const parts = normalizeText(phrase)
    .split(" ")
    .filter(Boolean)
    .map((word) => {
      if (word.length > 1 && word.endsWith("*")) return `${escapeRegExp(word.slice(0, -1))}[\\p{L}\\p{N}]*`;
      return /\p{L}$/u.test(word) ? `${escapeRegExp(word)}(?:s|x|e|es)?` : escapeRegExp(word);
    });
  // Whole words: no letter, digit or underscore may touch the phrase on either side.
  return new RegExp(`(?<![\\p{L}\\p{N}_])${parts.join("[\\s-]+")}(?![\\p{L}\\p{N}_])`, "u");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
