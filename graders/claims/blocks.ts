import type { ListItem, Nodes, RootContent } from "mdast";
import { lineOf, plainText } from "../../src/markdown/parse.js";

/** A piece of a report section read as one unit: a paragraph, a table row, or one line of a code block. */
export interface TextUnit {
  text: string;
  line?: number;
  code: boolean;
  /**
   * The lead line of the list item this unit is nested in ("Heavy layers:" above a list of layers), so
   * what it says carries over to the items below it.
   */
  context?: string;
}

/**
 * The section's text, paragraph by paragraph (inline code kept: "the `COPY` layers"), table row by table
 * row, and code blocks line by line, each with its line in the file.
 */
export function textUnits(children: readonly RootContent[]): TextUnit[] {
  const out: TextUnit[] = [];
  const visit = (node: Nodes, context: string | undefined) => {
    const within = context ? { context } : {};
    if (node.type === "code") {
      const start = lineOf(node) ?? 0;
      node.value.split(/\r?\n/).forEach((text, i) => {
        out.push({ text, line: start ? start + 1 + i : undefined, code: true, ...within });
      });
      return;
    }
    if (node.type === "paragraph" || node.type === "tableRow" || node.type === "heading") {
      out.push({ text: plainText(node), line: lineOf(node), code: false, ...within });
      return;
    }
    const inner = node.type === "listItem" ? (leadOf(node) ?? context) : context;
    if ("children" in node)
      for (const child of node.children as Nodes[])
        visit(child, child.type === "paragraph" ? context : inner);
  };
  for (const child of children) visit(child, undefined);
  return out;
}

function leadOf(item: ListItem): string | undefined {
  const first = item.children[0];
  return first?.type === "paragraph" ? plainText(first) : undefined;
}
