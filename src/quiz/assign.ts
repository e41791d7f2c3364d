import { type Answer, answerText } from "../markdown/answers.js";
import { normalizeText } from "../text/normalize.js";
import { compilePattern } from "../text/pattern.js";

/**
 * Pairs each question with one answer of the section. Passes, each on the answers still free:
 * 1. the question's `match` pattern against answer titles (the question the student copied or summed up);
 * 2. the pattern against the whole answer text, the answer at the question's position tried first;
 * 3. position: the answer numbered like the question (`3)`, third list item), else the n-th answer.
 * A section that could not be split (one answer) answers every question: each is scored on all of it.
 */
export function assignAnswers(
  questions: ReadonlyArray<{ id: string; match?: string }>,
  answers: readonly Answer[],
): Map<string, Answer> {
  const out = new Map<string, Answer>();
  if (answers.length === 1 && questions.length > 1) {
    for (const q of questions) out.set(q.id, answers[0] as Answer);
    return out;
  }
  const free = new Set(answers.map((_, i) => i));
  const take = (qid: string, i: number | undefined) => {
    if (i === undefined || !free.has(i)) return false;
    free.delete(i);
    out.set(qid, answers[i] as Answer);
    return true;
  };
  const patterns = questions.map((q) => (q.match ? compilePattern(q.match) : undefined));
  const titles = answers.map((a) => normalizeText(a.title ?? ""));
  const texts = answers.map((a) => normalizeText(answerText(a)));
  questions.forEach((q, qi) => {
    const re = patterns[qi];
    if (re)
      take(
        q.id,
        [...free].find((i) => re.test(titles[i] ?? "")),
      );
  });
  questions.forEach((q, qi) => {
    const re = patterns[qi];
    if (!re || out.has(q.id)) return;
    if (free.has(qi) && re.test(texts[qi] ?? "")) take(q.id, qi);
    else
      take(
        q.id,
        [...free].find((i) => re.test(texts[i] ?? "")),
      );
  });
  questions.forEach((q, qi) => {
    if (out.has(q.id)) return;
    const byNumber = answers.findIndex((a, i) => a.number === qi + 1 && free.has(i));
    take(q.id, byNumber >= 0 ? byNumber : qi);
  });
  return out;
}
