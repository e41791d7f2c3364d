import { stripAccents } from "../text/normalize.js";

/** One word (or code symbol) of a text, in canonical form, with where it sits in the original text. */
export interface Token {
  text: string;
  /** Character offsets in the original text, end exclusive. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Markdown syntax that carries letters but no prose: link and image destinations `](url)`, reference
 * definitions `[x]: url`, autolinks and HTML tags `<...>`, the language name after a code fence.
 * (Other Markdown marks, `#`, `*`, `|`, `>`, are punctuation and dropped anyway.)
 */
const MARKDOWN_NOISE = [
  /\]\([^)\n]*\)/g,
  /^ {0,3}\[[^\]\n]+\]:[^\n]*/gm,
  /<\/?[A-Za-z][^<>\n]*>/g,
  /^ {0,3}(?:`{3,}|~{3,})[^\n]*/gm,
];

/** Folds a word: accents removed, ligatures expanded, lower case. */
export function foldWord(word: string): string {
  return ASCII.test(word) ? word.toLowerCase() : stripAccents(word).toLowerCase();
}

const ASCII = /^[A-Za-z0-9_]*$/;

/**
 * The words of prose (a lab report): lower case, no accents, no punctuation, no Markdown syntax; numbers
 * are words too (`3.12` gives `3`, `12`).
 */
export function proseTokens(text: string): Token[] {
  const ignored = new Uint8Array(text.length);
  for (const pattern of MARKDOWN_NOISE) {
    for (const m of text.matchAll(pattern)) ignored.fill(1, m.index, m.index + m[0].length);
  }
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    if (ignored[m.index]) continue;
    const folded = foldWord(m[0]);
    if (folded) tokens.push({ text: folded, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

export type CodeLanguage = "python" | "dockerfile";

/** A code token; `literal` marks the words inside a string, which are never renamed. */
export interface CodeToken extends Token {
  literal: boolean;
}

const CODE_WORD = /[\p{L}\p{M}\p{N}_]+/uy;

/**
 * The tokens of code: words lower-cased (accents folded), every other symbol on its own, strings as a
 * plain `"` around the words they hold (so `'x'`, `"x"` and `"""x"""` read alike), whitespace, line
 * continuations and `#` comments dropped (in a Dockerfile, only where a line starts with `#`, as Docker
 * reads them).
 */
export function codeTokens(text: string, language: CodeLanguage): CodeToken[] {
  const tokens: CodeToken[] = [];
  let lineStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "\n") {
      lineStart = true;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if (c === "#" && (language === "python" || atLineStart)) {
      i = lineEnd(text, i);
      continue;
    }
    if (c === "\\" && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 80))) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      i = readString(text, i, language, tokens);
      continue;
    }
    CODE_WORD.lastIndex = i;
    const word = CODE_WORD.exec(text);
    if (word) {
      tokens.push({ text: foldWord(word[0]), start: i, end: i + word[0].length, literal: false });
      i += word[0].length;
      continue;
    }
    tokens.push({ text: c, start: i, end: i + 1, literal: false });
    i++;
  }
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}

/** Reads the string opening at `open`, pushes its tokens, returns the offset after it. */
function readString(text: string, open: number, language: CodeLanguage, tokens: CodeToken[]): number {
  const quote = text.charAt(open);
  const triple = language === "python" && text.startsWith(quote.repeat(3), open);
  const delimiter = triple ? quote.repeat(3) : quote;
  let i = open + delimiter.length;
  let close = -1;
  while (i < text.length) {
    if (text.charAt(i) === "\\") i += 2;
    else if (text.startsWith(delimiter, i)) {
      close = i;
      break;
    } else if (text.charAt(i) === "\n" && !triple && language === "python") break;
    else i++;
  }
  const contentEnd = close < 0 ? Math.min(i, text.length) : close;
  tokens.push({ text: '"', start: open, end: open + delimiter.length, literal: true });
  const content = text.slice(open + delimiter.length, contentEnd);
  for (const m of content.matchAll(WORD)) {
    const start = open + delimiter.length + m.index;
    tokens.push({ text: foldWord(m[0]), start, end: start + m[0].length, literal: true });
  }
  if (close < 0) return contentEnd;
  tokens.push({ text: '"', start: close, end: close + delimiter.length, literal: true });
  return close + delimiter.length;
}
