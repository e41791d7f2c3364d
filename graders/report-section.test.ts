import { describe, expect, it } from "vitest";
import { renderMessage } from "../src/i18n/catalog.js";
import { paramsFor, reportRepo } from "../src/markdown/testkit.js";
import reportSection from "./report-section.js";

const concepts = [
  {
    id: "stop",
    label: { fr: "stop arrête le conteneur", en: "stop halts the container" },
    phrases: ["/\\bstop\\b[^.]{0,80}(arret|stops?\\b)/"],
  },
  {
    id: "rm",
    label: { fr: "rm le supprime", en: "rm removes it" },
    phrases: ["/\\brm\\b[^.]{0,80}(supprim|remov)/"],
  },
  {
    id: "prune",
    weight: 2,
    label: { fr: "prune nettoie", en: "prune cleans up" },
    phrases: ["/prune[^.]{0,80}(inutilise|unused|nettoi|nettoy)/"],
  },
];
const params = (extra: Record<string, unknown> = {}) =>
  paramsFor(reportSection, { section: "etape\\s*3", example: "Etape 3", concepts, ...extra }) as never;

const report = (body: string) =>
  `# TP\n\n## ETAPE 3 — Lancer\n\n${body}\n\n## Etape 4\n\nprune nettoie tout ce qui est inutilisé.\n`;
const FULL = `- \`docker stop\` arrête le conteneur, qui reste visible.
- \`docker rm\` supprime un conteneur arrêté.

### Nettoyage

\`docker container prune\` nettoie les conteneurs arrêtés.`;

describe("report-section", () => {
  it("passes when the step explains every concept, sub-sections included", async () => {
    const { ctx } = reportRepo(report(FULL));
    const result = await reportSection.run(ctx, params());
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings.map((f) => f.messageId)).toEqual([
      "sectionFound",
      "conceptFound",
      "conceptFound",
      "conceptFound",
    ]);
  });

  it("gives the weighted share of the concepts found, never borrowing from the next step", async () => {
    const { ctx } = reportRepo(report(FULL.replace(/### Nettoyage[\s\S]*/, "")), "fr");
    const result = await reportSection.run(ctx, params());
    expect(result).toMatchObject({ status: "partial", credit: 0.5 });
    const missing = result.findings.filter((f) => f.severity === "problem");
    expect(missing.map((f) => renderMessage(reportSection.messages, f.messageId, "fr", f.data))).toEqual([
      "« ETAPE 3 — Lancer » n'explique pas ce point : prune nettoie. Ajoutez une phrase à ce sujet.",
    ]);
    expect(missing[0]).toMatchObject({ file: "README.md", line: 3 });
  });

  it("shrinks the credit of a section shorter than minWords, counting words outside code only", async () => {
    const { ctx } = reportRepo(
      report(
        `${FULL}\n\n\`\`\`\ndocker stop quotegen && docker rm quotegen && docker system prune -f\n\`\`\``,
      ),
    );
    const result = await reportSection.run(ctx, params({ minWords: 30 }));
    // 15 words of prose out of 30: half the credit, and a finding that says why.
    expect(result).toMatchObject({ status: "partial", credit: 0.5, details: { words: 15 } });
    expect(renderMessage(reportSection.messages, "tooShort", "en", result.findings.at(-1)?.data)).toBe(
      '"ETAPE 3 — Lancer" has 15 words of text outside code; at least 30 are expected. Explain in your own words, not only with commands.',
    );
  });

  it("only asks for the section when no concept is given", async () => {
    const { ctx } = reportRepo(report("Rien."));
    expect(await reportSection.run(ctx, params({ concepts: [] }))).toMatchObject({
      status: "pass",
      credit: 1,
    });
  });

  it("fails when the step is missing", async () => {
    const { ctx } = reportRepo("# TP\n\n## Etape 2\n\nx");
    const result = await reportSection.run(ctx, params());
    expect(result).toMatchObject({
      status: "fail",
      credit: 0,
      findings: [{ messageId: "sectionMissing", file: "README.md" }],
    });
  });
});
