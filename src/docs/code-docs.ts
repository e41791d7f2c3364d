import type { CodeEntry } from "../../graders/codes/entry.js";

/**
 * docs/codes.md, generated from `graders/codes/` so that every code a finding can carry has one entry, as
 * hadolint's wiki has one page per DL code: what it checks, why, an example, how to fix it, in English
 * then in French.
 */
export function codeReference(codes: readonly CodeEntry[]): string {
  const out = [
    "# Finding codes / Codes des constats",
    "",
    "Generated from `graders/codes/` by `npm run docs` — do not edit by hand. A finding with a code (`DF003`,",
    "`B014`…) points here: look the code up to see what it checks, why it matters and how to fix it.",
    "",
    "Généré depuis `graders/codes/` par `npm run docs` — ne pas modifier à la main. Un constat portant un code",
    "(`DF003`, `B014`…) renvoie ici : cherchez le code pour savoir ce qu'il vérifie, pourquoi et comment corriger.",
    "",
    "| Code | Grader | Checks |",
    "|---|---|---|",
    ...codes.map((c) => `| [${c.code}](#${c.code.toLowerCase()}) | \`${c.grader}\` | ${c.checks.en} |`),
  ];
  for (const entry of codes) out.push("", ...section(entry));
  return `${out.join("\n")}\n`;
}

function section(c: CodeEntry): string[] {
  return [
    `## ${c.code}`,
    "",
    `Grader \`${c.grader}\`.`,
    "",
    `- **Checks:** ${c.checks.en}`,
    `- **Why:** ${c.why.en}`,
    `- **Fix:** ${c.fix.en}`,
    "",
    `- **Vérifie :** ${c.checks.fr}`,
    `- **Pourquoi :** ${c.why.fr}`,
    `- **Correction :** ${c.fix.fr}`,
    "",
    "Example / Exemple :",
    "",
    "```",
    c.example,
    "```",
  ];
}
