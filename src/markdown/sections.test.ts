import { describe, expect, it } from "vitest";
import { compilePattern } from "../text/pattern.js";
import { parseMarkdown, plainText } from "./parse.js";
import { findSection, headingOutline } from "./sections.js";

const doc = (heading: string) => `# Rapport

## Etape 5

texte 5

${heading}

### Sous-partie

réponse

#### Détail

fin de l'étape

## Bilan

autre
`;

describe("findSection", () => {
  it.each([
    // heading, holds the sub-sections, runs past "## Bilan"
    ["## Etape 6", true, false],
    ["# Étape 6 — Mini-quiz", true, true],
    ["## ETAPE 6", true, false],
    ["## Étape6", true, false],
    ["### étape 6 : quiz", false, false],
  ])("finds %j with etape\\s*6", (heading, nested, past) => {
    const root = parseMarkdown(doc(heading));
    const section = findSection(root, compilePattern("etape\\s*6"));
    expect(section?.line).toBe(7);
    // A section runs to the next heading of the same or a higher level, deeper sub-headings included.
    const text = plainText(section?.children ?? []);
    expect(text.includes("réponse")).toBe(nested);
    expect(text.includes("fin de l'étape")).toBe(nested);
    expect(text.includes("autre")).toBe(past);
    expect(text).not.toContain("texte 5");
  });

  it("returns nothing when no heading matches, and lists the headings seen", () => {
    const root = parseMarkdown(doc("## Etape 7"));
    expect(findSection(root, compilePattern("etape\\s*6"))).toBeUndefined();
    expect(headingOutline(root)).toBe(
      "# Rapport / ## Etape 5 / ## Etape 7 / ### Sous-partie / #### Détail / ## Bilan",
    );
  });

  it("does not take a heading-like line inside a code block", () => {
    const root = parseMarkdown("```\n## Etape 6\n```\n\n## Etape 6\n\nvrai");
    expect(plainText(findSection(root, compilePattern("etape 6"))?.children ?? [])).toBe("vrai");
  });
});
