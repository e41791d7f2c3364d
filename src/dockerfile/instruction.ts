/** One instruction, reduced to what the rules read. Lines are 1-based, as editors show them. */
export interface DfInstruction {
  keyword: string;
  line: number;
  /** The arguments as one string, line continuations joined, flags (`--chown`, `--mount`) left out. */
  text: string;
  /** The arguments split on white space (quotes kept), flags left out. */
  args: string[];
  flags: Record<string, string | null>;
  /** ENV, ARG, LABEL: name/value pairs (values unquoted). */
  properties: Array<{ name: string; value: string | null }>;
  /** CMD, ENTRYPOINT, RUN, SHELL, COPY, ADD: the JSON array when the instruction is in exec (JSON) form. */
  exec?: string[];
  /** Starts with `[` but is not a JSON array of strings: Docker silently falls back to the shell form. */
  brokenJson?: boolean;
  /** Shell form of RUN, CMD, ENTRYPOINT: the script given to the shell (a heredoc's body for `RUN <<EOF`). */
  script?: string;
  stage: number;
}
