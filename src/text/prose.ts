import { normalizeText } from "./normalize.js";

/**
 * Grammatical words of French and English. A run of words that holds one is a phrase someone wrote, not a
 * list of keywords: "le conteneur est supprime" has `le` and `est`, "ENTRYPOINT, CMD, override" has none.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "le la les l un une des de du d au aux a et ou ni mais donc car que qu qui quoi dont ou " +
    "ce cet cette ces c se s sa son ses leur leurs il ils elle elles on nous vous je j y en ne n pas plus " +
    "est sont etre sera ont avoir fait faire peut peuvent permet permettent doit sert servent va " +
    "pour par avec sans dans sur sous entre vers chez si quand lorsque comme puis alors aussi tout tous " +
    "the a an of to in on at by for with without from into is are was be been being it its this that " +
    "these those which who what when where if then than so as can could will would should must may do does " +
    "not no and or but also each every has have only just there their they them " +
    "quel quelle quels quelles comment pourquoi combien how why which what whose"
  ).split(" "),
);

export interface ProseStats {
  /** Words outside code. */
  words: number;
  /** Words of the longest clause (text between punctuation that separates list items). */
  longestClause: number;
  /** Some clause of at least six words holds a grammatical word: a sentence, not a keyword list. */
  sentence: boolean;
}

/**
 * Measures the prose of a text from which code was already removed. Clauses are split at the marks that
 * separate items of a list (`, ; : | / •`, parentheses, line breaks), so a comma-separated list of
 * keywords never makes a long clause.
 */
export function proseStats(textOutsideCode: string): ProseStats {
  let words = 0;
  let longestClause = 0;
  let sentence = false;
  for (const clause of textOutsideCode.split(/[,;:|/•·()[\]\n]+|\s[-–—=>]+\s/)) {
    const clauseWords = normalizeText(clause).match(/[\p{L}]+/gu) ?? [];
    words += clauseWords.length;
    longestClause = Math.max(longestClause, clauseWords.length);
    if (clauseWords.length >= 6 && clauseWords.some((w) => FUNCTION_WORDS.has(w))) sentence = true;
  }
  return { words, longestClause, sentence };
}

/** The explanation rule: enough words outside code, and at least one real sentence among them. */
export function isExplained(textOutsideCode: string, minWords: number): boolean {
  const stats = proseStats(textOutsideCode);
  return stats.words >= minWords && stats.sentence;
}
