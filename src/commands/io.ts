import { type Lang, localize, type Trace } from "../i18n/text.js";
import { sanitizeText } from "../report/sanitize.js";

/** Where a command writes: the CLI passes the process streams, tests pass buffers. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `--verbose`: the harness's trace on stderr, in the user's language, one line each, control characters removed. */
export function traceTo(io: CommandIO, lang: Lang): Trace {
  return (line) => io.stderr(`  … ${sanitizeText(localize(line, lang)).replace(/\n/g, " ")}\n`);
}

/** An error meant for the user (bad arguments, unusable rubric or submission), with its exit code. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** `engineLost`: the Docker engine stopped answering mid-run, so the report is incomplete (grade again). */
export const EXIT = { graded: 0, belowMinScore: 1, usage: 2, internal: 3, engineLost: 4 } as const;
