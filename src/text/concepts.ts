import { type Static, Type as T } from "@sinclair/typebox";
import { LocalTextSchema } from "../i18n/local-text-schema.js";
import { type Lang, localize } from "../i18n/text.js";
import { isNegated } from "./negation.js";
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
 * With `negation` on (the quiz), a phrase found in a negated clause ("CMD ne peut pas etre remplace", "is
 * not removed") does not state the concept, unless the phrase itself asks for the negation (`pas
 * remplac`) or the concept is an absence (`ignoreNegation`: "no name clash", "pas d'accumulation").
 * See `isNegated`.
 */
export const ConceptSchema = T.Object(
  {
    id: T.String({ pattern: "^[a-z0-9][a-z0-9._-]*$", description: "Stable id, used in reports." }),
    weight: T.Number({ exclusiveMinimum: 0, default: 1, description: "Share of the answer's credit." }),
    label: T.Union([...LocalTextSchema.anyOf], {
      description: "What the concept is, as the student reads it in the feedback: { fr, en } or one text.",
    }),
    hint: T.Optional(
      T.Union([...LocalTextSchema.anyOf], {
        description:
          "The idea in general terms, without the answer ({ fr, en } or one text): what quiz feedback names when " +
          "the concept is missing, unless the quiz's `hints` is `full`.",
      }),
    ),
    ignoreNegation: T.Optional(
      T.Boolean({
        description:
          "The concept is an absence or a benefit often said with a negation (no pile-up, no name clash): " +
          "a negation near a phrase does not cancel it.",
      }),
    ),
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
  /** Weighted share of the concepts found, 0..1 (1 when there are no concepts), capped at 1. */
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

export interface MatchOptions {
  /** Weight that earns full coverage (default: every concept's weight). */
  fullCredit?: number;
  /** Phrases found in a negated clause do not count (see `isNegated`). */
  negation?: boolean;
}

/**
 * Which concepts `text` states. `text` may be raw: it is normalised here. Coverage is the weight found
 * over `fullCredit` (default: every concept's weight), capped at 1: where a question is fully answered by
 * its core, depth beyond it adds nothing and is never required.
 */
export function matchConcepts(
  text: string,
  concepts: readonly Concept[],
  { fullCredit, negation = false }: MatchOptions = {},
): ConceptMatch {
  const normal = normalizeText(text);
  const found: Concept[] = [];
  const missing: Concept[] = [];
  for (const concept of concepts) {
    if (
      concept.phrases.some((phrase) =>
        states(normal, phraseRegExp(phrase), !negation || concept.ignoreNegation === true),
      )
    )
      found.push(concept);
    else missing.push(concept);
  }
  const total = fullCredit ?? concepts.reduce((sum, c) => sum + (c.weight ?? 1), 0);
  const got = found.reduce((sum, c) => sum + (c.weight ?? 1), 0);
  return { found, missing, coverage: total === 0 ? 1 : Math.min(1, got / total) };
}

/** True when `re` matches `normal` somewhere outside a negated clause (anywhere, with `ignoreNegation`). */
function states(normal: string, re: RegExp, ignoreNegation: boolean): boolean {
  if (ignoreNegation) return re.test(normal);
  const all = new RegExp(re.source, `${re.flags.replace("g", "")}g`);
  for (let m = all.exec(normal); m; m = all.exec(normal)) {
    if (!isNegated(normal, re, m.index, m.index + m[0].length)) return true;
    all.lastIndex = m.index + 1;
  }
  return false;
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
