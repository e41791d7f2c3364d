import type { Bilingual } from "../../src/i18n/text.js";

/**
 * One stable finding code, documented as hadolint's wiki documents a DL code: what it checks, why it
 * matters, an example that triggers it, how to fix it. docs/codes.md is generated from these entries.
 */
export interface CodeEntry {
  code: string;
  grader: string;
  checks: Bilingual;
  why: Bilingual;
  /** A short excerpt (Dockerfile, command, report sentence) that this code reports. */
  example: string;
  fix: Bilingual;
}

type Pair = readonly [en: string, fr: string];

/** An entry from [English, French] pairs: the compact form the code lists use. */
export function codeEntry(
  grader: string,
  code: string,
  checks: Pair,
  why: Pair,
  example: string,
  fix: Pair,
): CodeEntry {
  const both = ([en, fr]: Pair) => ({ en, fr });
  return { code, grader, checks: both(checks), why: both(why), example, fix: both(fix) };
}
