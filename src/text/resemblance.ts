import { words } from "./normalize.js";
import { FUNCTION_WORDS } from "./prose.js";

/** Words that carry meaning: no grammatical words, no numbering (`1`, `q1`), no `vs`. */
export function meaningfulWords(text: string): Set<string> {
  return new Set(
    words(text).filter(
      (w) => !FUNCTION_WORDS.has(w) && !/^(q?\d+|vs|versus|question|reponse|answer)$/.test(w),
    ),
  );
}

/**
 * True when `answer` only repeats `question`: it covers most of the question's meaningful words
 * (at least 60 %) and adds almost nothing of its own (at most 20 % of its meaningful words are new).
 * An empty answer copies nothing (it is simply missing).
 */
export function copiesQuestion(answer: string, question: string): boolean {
  const a = meaningfulWords(answer);
  const q = meaningfulWords(question);
  if (a.size === 0 || q.size === 0) return false;
  let shared = 0;
  for (const w of a) if (q.has(w)) shared++;
  return shared / q.size >= 0.6 && (a.size - shared) / a.size <= 0.2;
}
