import { type StringOptions, Type as T, type TString } from "@sinclair/typebox";
import { stripAccents } from "./normalize.js";

/**
 * Rubric patterns: the one flavour of regular expression a rubric author writes, wherever a grader takes
 * one (section headings, quiz questions, concept phrases between slashes, command output, HTTP bodies and
 * headers, layer instructions, the report's step headings).
 *
 * The flavour: a JavaScript regular expression with the flags `i` (case ignored), `m` (`^` and `$` match at
 * each line's ends) and `u` (Unicode), accents ignored on both sides (`étape` and `etape` are the same).
 * A pattern is compiled once, when `rubric lint` (or any load of the rubric) validates it; a rubric with a
 * pattern that does not compile is refused with its file:line:column, so it never reaches a submission.
 */
export const PATTERN_FLAGS = "imu";

/** The JSON-schema keyword that marks a string as a rubric pattern (`regex`) or a concept phrase (`phrase`). */
export const PATTERN_KEYWORD = "rubricPattern";
export type PatternKind = "regex" | "phrase";

const compiled = new Map<string, RegExp>();

/**
 * A rubric pattern, compiled in the one flavour (cached: each source is compiled once per process).
 * Throws a SyntaxError naming the pattern when it is not a valid regular expression.
 */
export function compilePattern(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    try {
      re = new RegExp(stripAccents(source), PATTERN_FLAGS);
    } catch (error) {
      throw new SyntaxError(`invalid pattern /${source}/: ${reason(error)}`);
    }
    compiled.set(source, re);
  }
  return re;
}

/** Whether `text` (raw: its accents are ignored here) matches the rubric pattern. */
export function matchesPattern(source: string, text: string): boolean {
  return compilePattern(source).test(stripAccents(text));
}

/** The first match of the rubric pattern in `text` (accents ignored), or null. */
export function execPattern(source: string, text: string): RegExpExecArray | null {
  return compilePattern(source).exec(stripAccents(text));
}

/** A phrase between slashes is a pattern; any other phrase is plain words (see `src/text/concepts.ts`). */
export function isRegexPhrase(phrase: string): boolean {
  return phrase.length > 2 && phrase.startsWith("/") && phrase.endsWith("/");
}

/** Why a pattern (or a `/pattern/` phrase) does not compile, or undefined when it does. */
export function patternProblem(kind: PatternKind, value: string): string | undefined {
  if (kind === "phrase" && !isRegexPhrase(value)) return undefined;
  const source = kind === "phrase" ? value.slice(1, -1) : value;
  try {
    compilePattern(source);
    return undefined;
  } catch (error) {
    // V8 says "invalid pattern /x/: Invalid regular expression: /x/imu: Unterminated group": keep the reason.
    return /: ([^:]+)$/.exec(reason(error))?.[1] ?? reason(error);
  }
}

/** A rubric pattern in a grader's (or the rubric's) schema: validated and compiled when the rubric loads. */
export function PatternString(options: StringOptions = {}): TString {
  return T.String({ minLength: 1, ...options, [PATTERN_KEYWORD]: "regex" });
}

/** A concept phrase: plain words, or a `/pattern/` validated like any rubric pattern. */
export function PhraseString(options: StringOptions = {}): TString {
  return T.String({ minLength: 1, ...options, [PATTERN_KEYWORD]: "phrase" });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
