/**
 * Text normalisation shared by every grader that reads the lab report: students type on French and
 * English keyboards, in editors that curl quotes and turn `--` into dashes, so matching happens on a
 * canonical form instead of on what was typed.
 */

/** Accents removed (é -> e, œ -> oe), lower case, straight quotes, no backticks, one space between words. */
export function normalizeText(text: string): string {
  return (
    stripAccents(text)
      .toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/g, '"')
      .replace(/`/g, "")
      // Word processors turn `--rm` into an en or em dash; both read as the double hyphen they replaced.
      .replace(/[\u2013\u2014]/g, "--")
      .replace(/[\u2010\u2011\u2012\u2212]/g, "-")
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Removes diacritics and expands ligatures, nothing else (safe on regular expression sources). */
export function stripAccents(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "OE")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "AE");
}

/** The words of a text: runs of letters and digits (an apostrophe or hyphen separates words). */
export function words(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
