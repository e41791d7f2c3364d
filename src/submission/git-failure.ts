import type { Bilingual } from "../i18n/text.js";

/** Lines of git's error output that say nothing about why it failed. */
const NOISE =
  /^(cloning into|warning:|hint:|remote: (counting|compressing|enumerating|total)|receiving objects|resolving deltas|updating files)/i;

/** Known failures, in plain words (both languages), before git's own line. */
const KNOWN: Array<[RegExp, Bilingual]> = [
  [/remote branch .* not found/i, { en: "branch not found", fr: "branche introuvable" }],
  [
    /could not read (username|password)|authentication failed|terminal prompts disabled|http basic: access denied|\b40[13]\b/i,
    {
      en: "authentication failed: the repository is private and no token was given, or the token was refused",
      fr: "authentification refusée : le dépôt est privé et aucun jeton n'a été donné, ou le jeton a été refusé",
    },
  ],
  [
    /repository .* not found|does not appear to be a git repository|repository not exported|no such repository/i,
    { en: "repository not found", fr: "dépôt introuvable" },
  ],
  [
    /could not resolve host|name or service not known|temporary failure in name resolution/i,
    { en: "could not resolve host", fr: "nom du serveur inconnu" },
  ],
  [
    /connection refused|unable to connect|failed to connect/i,
    { en: "could not connect to the server", fr: "impossible de joindre le serveur" },
  ],
];

/**
 * Why a git command failed, from its error output: the last meaningful line (`fatal:` and `error:` lines
 * first), prefixed with a plain explanation when the failure is a known one. Not yet redacted.
 */
export function cloneFailureReason(stderr: string): Bilingual {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !NOISE.test(line));
  const fatal = lines.filter((line) => /^(fatal|error):/i.test(line));
  const line = (fatal.at(-1) ?? lines.at(-1) ?? "").replace(/^(fatal|error):\s*/i, "");
  if (!line) return { en: "git failed without saying why", fr: "git a échoué sans dire pourquoi" };
  const all = lines.join("\n");
  const known = KNOWN.find(([pattern]) => pattern.test(all));
  // git's own line is quoted as it is, in the language git speaks.
  return known
    ? { en: `${known[1].en} (git: ${line})`, fr: `${known[1].fr} (git : ${line})` }
    : { en: line, fr: line };
}
