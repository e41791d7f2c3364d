import type { CodeToken } from "./tokens.js";

const KEYWORDS = new Set(
  (
    "false none true and as assert async await break class continue def del elif else except finally for " +
    "from global if import in is lambda nonlocal not or pass raise return try while with yield self"
  ).split(" "),
);

const OPENING = new Set(["(", "[", "{"]);
const CLOSING = new Set([")", "]", "}"]);

/** The placeholder every name the program binds itself becomes. */
export const BOUND_NAME = "v";

/**
 * The names a Python program binds itself (assigned at statement level, defined with `def` or `class`,
 * parameters, `for` and `as` targets), so that renaming a variable or a function does not hide a copy.
 * Names from libraries (`Flask`, `jsonify`, `random.choice`) and attributes after a dot are kept.
 */
export function boundNames(tokens: readonly CodeToken[]): Set<string> {
  const bound = new Set<string>();
  const isName = (t: CodeToken | undefined) =>
    t !== undefined && !t.literal && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(t.text) && !KEYWORDS.has(t.text);
  let depth = 0;
  let paramsDepth = -1;
  for (const [i, t] of tokens.entries()) {
    if (t.literal) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (OPENING.has(t.text)) {
      depth++;
      if (prev && isName(prev) && tokens[i - 2]?.text === "def") paramsDepth = depth;
      continue;
    }
    if (CLOSING.has(t.text)) {
      if (depth === paramsDepth) paramsDepth = -1;
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (!isName(t) || prev?.text === ".") continue;
    const afterBinder =
      prev !== undefined && !prev.literal && ["def", "class", "for", "as"].includes(prev.text);
    const assigned = depth === 0 && next?.text === "=" && tokens[i + 2]?.text !== "=";
    const parameter = depth === paramsDepth && prev !== undefined && ["(", ",", "*"].includes(prev.text);
    if (afterBinder || assigned || parameter) bound.add(t.text);
  }
  return bound;
}

/** The tokens with every name the program binds replaced by one placeholder (the MOSS way). */
export function withBoundNamesHidden(tokens: readonly CodeToken[]): CodeToken[] {
  const bound = boundNames(tokens);
  return tokens.map((t, i) =>
    !t.literal && bound.has(t.text) && tokens[i - 1]?.text !== "." ? { ...t, text: BOUND_NAME } : t,
  );
}
