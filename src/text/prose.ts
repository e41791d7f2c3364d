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
  /** Clauses that are one plain word (letters only: `executable`, not `--build-arg` or `daemon.json`). */
  loneWords: number;
  /** Longest run of words with no grammatical word among them, a command (`docker …`) ending a run. */
  longestRun: number;
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
  let loneWords = 0;
  let longestRun = 0;
  for (const clause of textOutsideCode.split(/[,;:|/•·()[\]\n]+|\s[-–—=>]+\s/)) {
    const normal = normalizeText(clause);
    const clauseWords = normal.match(/[\p{L}]+/gu) ?? [];
    words += clauseWords.length;
    longestClause = Math.max(longestClause, clauseWords.length);
    // Whole tokens, so that `no_proxy` or `-s` never pass for the grammatical words `no` or `s`, and a
    // grammatical word followed by an option is a command (`du -sh`).
    const tokens = normal
      .split(/[\s']+/)
      .map((t) => t.replace(/^[.!?"*]+|[.!?"*]+$/g, ""))
      .filter(Boolean);
    const grammatical = (t: string, i: number) => FUNCTION_WORDS.has(t) && !tokens[i + 1]?.startsWith("-");
    if (clauseWords.length >= 6 && tokens.some(grammatical)) sentence = true;
    if (tokens.length === 1 && /^\p{L}+$/u.test(tokens[0] as string)) loneWords++;
    let run = 0;
    for (const [i, token] of tokens.entries()) {
      if (token === "docker") break;
      run = grammatical(token, i) ? 0 : run + 1;
      longestRun = Math.max(longestRun, run);
    }
  }
  return { words, longestClause, sentence, loneWords, longestRun };
}

/** How many different `docker <command>`s a text names (`docker system df` and `docker ps` make two). */
export function dockerCommands(text: string): number {
  const names = normalizeText(text).matchAll(
    /\bdocker\s+(?:(?:container|image|system|builder|volume|network|compose)\s+)?([a-z][\w-]*)/g,
  );
  return new Set([...names].map((m) => m[0].replace(/\s+/g, " "))).size;
}

/**
 * Keywords thrown together, not an answer: no sentence, and six lone words in a list, or six words in a
 * row with no grammatical word among them, or four different docker commands or more.
 */
export function isStuffed(textOutsideCode: string, fullText: string): boolean {
  const stats = proseStats(textOutsideCode);
  if (stats.sentence) return false;
  return stats.loneWords >= 6 || stats.longestRun >= 6 || dockerCommands(fullText) >= 4;
}

/** The explanation rule: enough words outside code, and at least one real sentence among them. */
export function isExplained(textOutsideCode: string, minWords: number): boolean {
  const stats = proseStats(textOutsideCode);
  return stats.words >= minWords && stats.sentence;
}
