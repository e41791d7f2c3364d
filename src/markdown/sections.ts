import type { Heading, Root, RootContent } from "mdast";
import { normalizeText } from "../text/normalize.js";
import { lineOf, plainText } from "./parse.js";

/** A heading and everything after it up to the next heading of the same or a higher level. */
export interface Section {
  /** Absent for the whole document taken as one section. */
  heading?: Heading;
  /** Heading text, as written. */
  title: string;
  depth: number;
  /** The blocks below the heading (sub-headings included), in document order. */
  children: RootContent[];
  line: number;
}

/**
 * The first section whose heading text matches `pattern`. The heading is normalised first (accents,
 * case, dashes), so `etape\s*6` finds `## Etape 6`, `# Étape 6 — Mini-quiz` and `## ETAPE 6`.
 */
export function findSection(root: Root, pattern: RegExp): Section | undefined {
  const blocks = root.children;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block?.type !== "heading") continue;
    const title = plainText(block);
    if (!pattern.test(normalizeText(title))) continue;
    const children: RootContent[] = [];
    for (let j = i + 1; j < blocks.length; j++) {
      const next = blocks[j] as RootContent;
      if (next.type === "heading" && next.depth <= block.depth) break;
      children.push(next);
    }
    return { heading: block, title, depth: block.depth, children, line: lineOf(block) ?? 1 };
  }
  return undefined;
}

/** Every heading of the document, as `## Title` lines: tells a student which headings were seen. */
export function headingOutline(root: Root, max = 12): string {
  const headings = root.children.filter((b): b is Heading => b.type === "heading");
  const shown = headings.slice(0, max).map((h) => `${"#".repeat(h.depth)} ${plainText(h)}`);
  if (headings.length > max) shown.push("…");
  return shown.length > 0 ? shown.join(" / ") : "-";
}
