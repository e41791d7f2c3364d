/**
 * Negation, for concept matching: "CMD ne peut pas être remplacé" must not earn "CMD is replaced". Works
 * on normalised text (see `normalizeText`: lower case, no accents, straight apostrophes).
 *
 * A clause is the text between punctuation (`. ; ! ? : ,`, line breaks) or before a word that opens a
 * new clause (mais, donc, et, qui, que, but, so, and, which, that, while…). Negation cues: `ne/n' …
 * pas|jamais|rien|aucun|plus`, a lone `jamais` or `pas` (not `pas de`, which names an absence),
 * `not`, `never`, `cannot`, `-n't`. "N'oubliez pas", "don't forget", "not only", "pas seulement" are
 * not negations.
 */

const BOUNDARY =
  /[.;!?:,\n]+(?:\s|$)|\s(?=(?:mais|donc|et|car|puis|sauf|alors|tandis|qui|que|qu'|but|so|and|because|then|whereas|while|which|that|who|except|or|ou)\b)/g;

const NOT_NEGATIONS =
  /\b(?:n'?oubli\w*\s+pas|ne\s+pas\s+oublier|pas\s+oublier|(?:do\s+not|don'?t|never)\s+forget|not\s+only|non\s+seulement|pas\s+seulement|pas\s+que|pas\s+uniquement|n'importe)\b/g;

// Verbal French negation (`ne … pas`), colloquial lone `pas` (not `pas de`, an absence), English cues.
const CUES =
  /(?<![\p{L}\p{N}_])(?:ne\b|n')(?=[^.;,]*?\b(?:pas|jamais|rien|aucune?|plus|guere|point)\b)|\b(?:jamais|rien|aucune?|not|never|cannot|nor)\b|\bpas\b(?!\s+(?:de|d'|du|des)\b)|\b\w+n't\b|\b(?:cant|doesnt|isnt|arent|wont|wasnt|didnt|shouldnt|couldnt|wouldnt)\b/gu;

/** Start and end of the clause (or run of clauses) that holds `text[start, end)`. */
export function clauseAround(text: string, start: number, end: number): [number, number] {
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(BOUNDARY)) {
    const at = m.index ?? 0;
    const after = at + m[0].length;
    if (after <= start) from = after;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return [from, to];
}

/** True when the (normalised) clause holds a negation cue. */
export function hasNegation(clause: string): boolean {
  return new RegExp(CUES.source, CUES.flags).test(clause.replace(NOT_NEGATIONS, " "));
}

/** The clause with its negation cues taken out: "cmd ne peut pas etre remplace" → "cmd peut etre remplace". */
export function withoutNegation(clause: string): string {
  return clause
    .replace(NOT_NEGATIONS, " ")
    .replace(/\bcannot\b/g, "can")
    .replace(CUES, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * True when the match `text[start, end)` of `re` sits in a negated clause and the negation is not part of
 * what `re` asks for: its clause holds a cue, and `re` still matches the clause once the cues are taken
 * out. ("entrypoint n'est pas remplace" against `/entrypoint.*pas remplac/` needs its negation: not
 * negated. Against `/remplac/`, it is.)
 */
export function isNegated(text: string, re: RegExp, start: number, end: number): boolean {
  const [from, to] = clauseAround(text, start, end);
  const clause = text.slice(from, to);
  if (!hasNegation(clause)) return false;
  return new RegExp(re.source, re.flags.replace("g", "")).test(withoutNegation(clause));
}
