/** A submission that cannot be located or read at all (as opposed to one that fails checks). */
export class SubmissionError extends Error {
  override name = "SubmissionError";
}
