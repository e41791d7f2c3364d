/**
 * A rubric pattern told in words, for people who do not read regular expressions: the text (or texts) it
 * looks for, in double quotes. `^gunicorn\b` -> `"gunicorn"`; `etape\s*6|quiz` -> `"etape 6" / "quiz"`;
 * `synth[eè]se` -> `"synthese"`. Anchors, word boundaries and groups are dropped, a character class
 * keeps its first character, `\s*` becomes a space and `.*` an ellipsis. Language-neutral on purpose.
 */
export function patternInWords(source: string): string {
  const texts = topLevelAlternatives(source.replace(/^\(\?[a-z]+\)/, ""))
    .map(literalText)
    .filter((text) => text !== "");
  return texts.length === 0 ? '"…"' : texts.map((text) => `"${text}"`).join(" / ");
}

function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let current = "";
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === "\\") {
      current += ch + (source[i + 1] ?? "");
      i++;
      continue;
    }
    if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function literalText(alternative: string): string {
  return alternative
    .replace(/\\[bBAzZ]|\(\?[:=!]|[()^$]/g, "")
    .replace(/\[\^?\\?(.)[^\]]*\][*+?]?/g, "$1")
    .replace(/\\s[*+?]?|\\[tn]/g, " ")
    .replace(/\\d[*+?]?|\\d\{[^}]*\}/g, "0")
    .replace(/\.[*+]\??/g, "…")
    .replace(/\\w[*+?]?/g, "…")
    .replace(/\\(.)/g, "$1")
    .replace(/[*+?]|\{\d+(,\d*)?\}/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
