/** Lines of git's error output that say nothing about why it failed. */
const NOISE =
  /^(cloning into|warning:|hint:|remote: (counting|compressing|enumerating|total)|receiving objects|resolving deltas|updating files)/i;

/** Known failures, in plain words, before git's own line. */
const KNOWN: Array<[RegExp, string]> = [
  [/remote branch .* not found/i, "branch not found"],
  [
    /could not read (username|password)|authentication failed|terminal prompts disabled|http basic: access denied|\b40[13]\b/i,
    "authentication failed: the repository is private and no token was given, or the token was refused",
  ],
  [
    /repository .* not found|does not appear to be a git repository|repository not exported|no such repository/i,
    "repository not found",
  ],
  [
    /could not resolve host|name or service not known|temporary failure in name resolution/i,
    "could not resolve host",
  ],
  [/connection refused|unable to connect|failed to connect/i, "could not connect to the server"],
];

/**
 * Why a git command failed, from its error output: the last meaningful line (`fatal:` and `error:` lines
 * first), prefixed with a plain explanation when the failure is a known one. Not yet redacted.
 */
export function cloneFailureReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !NOISE.test(line));
  const fatal = lines.filter((line) => /^(fatal|error):/i.test(line));
  const line = (fatal.at(-1) ?? lines.at(-1) ?? "").replace(/^(fatal|error):\s*/i, "");
  if (!line) return "git failed without saying why";
  const all = lines.join("\n");
  const known = KNOWN.find(([pattern]) => pattern.test(all));
  return known ? `${known[1]} (git: ${line})` : line;
}
