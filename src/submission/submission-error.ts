import type { Bilingual, Lang } from "../i18n/text.js";

/** A submission that cannot be located or read at all (as opposed to one that fails checks). */
export class SubmissionError extends Error {
  override name = "SubmissionError";
  /** `message` is English; `localized`, when given, holds the message in both languages. */
  constructor(
    message: string,
    readonly localized?: Bilingual,
  ) {
    super(message);
  }

  /** The message in `lang` when it exists in that language, else the English one. */
  text(lang: Lang): string {
    return this.localized?.[lang] ?? this.message;
  }
}

/** A SubmissionError written in both languages at once. */
export function submissionError(text: Bilingual): SubmissionError {
  return new SubmissionError(text.en, text);
}
