import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

/**
 * Parses a lab report as GitHub-flavoured Markdown (tables, task lists, strikethrough, autolinks). The
 * tree is shared: a dozen checks read the same report, and parsing it was a third of a check run's CPU,
 * so the last few texts parsed are kept and their tree handed out again. Callers never change it.
 */
export function parseMarkdown(text: string): Root {
  const known = parsed.get(text);
  if (known) {
    parsed.delete(text);
    parsed.set(text, known);
    return known;
  }
  const root = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  parsed.set(text, root);
  // Enough for the reports of the submissions a class grades at once.
  if (parsed.size > 16) parsed.delete(parsed.keys().next().value as string);
  return root;
}

const parsed = new Map<string, Root>();

/**
 * The text a reader sees in `node`. Inline code keeps its content; code blocks are kept unless
 * `code: false` (prose measures leave commands and terminal output out). Blocks are separated by line
 * breaks, table cells by ` | `, so clause and list boundaries survive.
 */
export function plainText(node: Nodes | readonly Nodes[], options: { code?: boolean } = {}): string {
  const keepCode = options.code ?? true;
  const out: string[] = [];
  const visit = (n: Nodes): void => {
    switch (n.type) {
      case "text":
        out.push(n.value);
        return;
      case "inlineCode":
        if (keepCode) out.push(n.value);
        return;
      case "code":
        if (keepCode) out.push(`\n${n.value}\n`);
        return;
      case "image":
        out.push(n.alt ?? "");
        return;
      case "break":
        out.push("\n");
        return;
      case "html":
      case "definition":
        return;
      case "tableRow":
        n.children.forEach((cell, i) => {
          if (i > 0) out.push(" | ");
          visit(cell);
        });
        out.push("\n");
        return;
      default:
        if ("children" in n) {
          for (const child of n.children as Nodes[]) visit(child);
          if (isBlock(n)) out.push("\n");
        }
    }
  };
  for (const n of Array.isArray(node) ? node : [node as Nodes]) visit(n);
  return out
    .join("")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** First line of a node in the source file, when the parser recorded it. */
export function lineOf(node: Nodes | undefined): number | undefined {
  return node?.position?.start.line;
}

function isBlock(n: Nodes): boolean {
  return ["paragraph", "heading", "listItem", "blockquote", "tableRow", "list", "table"].includes(n.type);
}
