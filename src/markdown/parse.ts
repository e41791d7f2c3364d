import MarkdownIt, { type PluginSimple } from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import footnotes from "markdown-it-footnote";
import type {
  AlignType,
  Blockquote,
  Code,
  FootnoteDefinition,
  Heading,
  List,
  ListItem,
  Nodes,
  Parents,
  PhrasingContent,
  Root,
  Table,
  TableCell,
  TableRow,
} from "mdast";

/**
 * Parses a lab report as GitHub-flavoured Markdown (tables, task lists, strikethrough, `<…>` autolinks;
 * a bare URL stays text) into an mdast tree (markdownToMdast, below). The tree is shared: a dozen checks read
 * the same report, so the last few texts parsed are kept and their tree handed out again. Callers never
 * change it.
 */
export function parseMarkdown(text: string): Root {
  const known = parsed.get(text);
  if (known) {
    parsed.delete(text);
    parsed.set(text, known);
    return known;
  }
  const root = markdownToMdast(text);
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

/**
 * GitHub-flavoured Markdown as the report checks read it: markdown-it's CommonMark parser with raw HTML,
 * tables and strikethrough (its default preset), GitHub's footnotes (`[^1]` and `[^1]: …`), no typographic
 * replacements and no literal autolinks.
 */
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false }).use(
  // Its types are written against markdown-it's CommonJS types; the plugin is the same function.
  footnotes as unknown as PluginSimple,
);
// A footnote's text stays where it is written, in its step's section, as GitHub's parser keeps it (the
// plugin's last rule would move every definition to the end of the report); `^[inline notes]` are not
// GitHub's, so they stay text.
markdown.core.ruler.disable("footnote_tail");
markdown.inline.ruler.disable("footnote_inline");
// Links and images as written, as mdast keeps them: not percent-encoded (a screenshot's path is looked up
// on disk), none refused (the checks read a report; nothing is rendered).
markdown.normalizeLink = (url) => url;
markdown.validateLink = () => true;

/**
 * `text` parsed by markdown-it, given as an mdast tree (the syntax tree the checks read): headings,
 * paragraphs, lists (GitHub's task items included), block quotes, code, HTML, tables, thematic breaks, and
 * in phrasing text, emphasis, strong, strikethrough, inline code, links, images and breaks. Each node has
 * the line it starts on (`position.start.line`; columns are not kept). A reference link or image comes
 * resolved, as a link or an image with its URL; a footnote's definition stays where it is written. On every Markdown
 * file of this repository the tree is the one micromark (mdast-util-from-markdown with GFM) made, but for
 * bare URLs; markdown-it makes it several times faster (the example's 24 KB report, parsed first in a
 * process: 13 – 28 ms of CPU against 100 – 140; issue #11, docs/PERFORMANCE.md).
 */
function markdownToMdast(text: string): Root {
  const tokens = markdown.parse(text, {});
  const root: Root = { type: "root", children: [], position: at(1) };
  const stack: Parents[] = [root];
  const top = () => stack[stack.length - 1] as Parents;
  const push = (node: Nodes) => (top().children as Nodes[]).push(node);
  const open = (node: Parents) => {
    push(node);
    stack.push(node);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const line = token.map ? token.map[0] + 1 : (lineOf(top()) ?? 1);
    switch (token.type) {
      case "heading_open":
        open({
          type: "heading",
          depth: Number(token.tag.slice(1)) as Heading["depth"],
          children: [],
          position: at(line),
        });
        break;
      case "paragraph_open":
        open({ type: "paragraph", children: [], position: at(line) });
        break;
      case "blockquote_open":
        open({ type: "blockquote", children: [], position: at(line) } satisfies Blockquote);
        break;
      case "bullet_list_open":
      case "ordered_list_open": {
        const ordered = token.type === "ordered_list_open";
        const start = ordered ? Number(token.attrGet("start") ?? 1) : null;
        const list: List = { type: "list", ordered, start, spread: false, children: [], position: at(line) };
        open(list);
        break;
      }
      case "list_item_open":
        open({ type: "listItem", spread: false, checked: null, children: [], position: at(line) });
        break;
      case "table_open":
        open({ type: "table", align: [], children: [], position: at(line) } satisfies Table);
        break;
      case "tr_open":
        open({ type: "tableRow", children: [], position: at(line) } satisfies TableRow);
        break;
      case "th_open":
      case "td_open": {
        const table = stack.findLast((n): n is Table => n.type === "table");
        if (token.type === "th_open" && table) table.align = [...(table.align ?? []), alignOf(token)];
        open({ type: "tableCell", children: [], position: at(line) } satisfies TableCell);
        break;
      }
      case "heading_close":
      case "paragraph_close":
      case "blockquote_close":
      case "tr_close":
      case "th_close":
      case "td_close":
        stack.pop();
        break;
      case "list_item_close":
        markTask(stack.pop() as ListItem);
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        closeList(stack.pop() as List, tokens, i);
        break;
      case "table_close":
        stack.pop();
        break;
      case "inline":
        for (const node of phrasing(token.children ?? [], line, token.content))
          (top().children as PhrasingContent[]).push(node);
        break;
      case "fence": {
        const [lang, ...meta] = token.info.trim().split(/\s+/);
        push(code(token.content, lang || null, meta.join(" ") || null, line));
        break;
      }
      case "code_block":
        push(code(token.content, null, null, line));
        break;
      case "html_block":
        push({ type: "html", value: token.content.replace(/\n$/, ""), position: at(line) });
        break;
      case "hr":
        push({ type: "thematicBreak", position: at(line) });
        break;
      case "footnote_reference_open": {
        // The definition's own token has no line: its first block's is the line it is written on.
        const first = tokens[i + 1]?.map;
        const label = String(token.meta?.label ?? "");
        open({
          type: "footnoteDefinition",
          identifier: label.toLowerCase(),
          label,
          children: [],
          position: at(first ? first[0] + 1 : line),
        } satisfies FootnoteDefinition);
        break;
      }
      case "footnote_reference_close":
        stack.pop();
        break;
      default:
        // thead/tbody wrap rows only; nothing else is a block.
        break;
    }
  }
  return root;
}

function at(line: number): NonNullable<Nodes["position"]> {
  return { start: { line, column: 1 }, end: { line, column: 1 } };
}

function code(value: string, lang: string | null, meta: string | null, line: number): Code {
  return { type: "code", lang, meta, value: value.replace(/\n$/, ""), position: at(line) };
}

function alignOf(token: Token): AlignType {
  const style = token.attrGet("style") ?? "";
  const found = /text-align:(left|right|center)/.exec(style);
  return (found?.[1] as AlignType | undefined) ?? null;
}

/** A list is loose (mdast's `spread`) when markdown-it shows its paragraphs (it hides them in a tight one). */
function closeList(list: List, tokens: Token[], closeIndex: number): void {
  const level = (tokens[closeIndex] as Token).level;
  let loose = false;
  for (let i = closeIndex - 1; i >= 0; i--) {
    const token = tokens[i] as Token;
    if (token.level === level && (token.type === "bullet_list_open" || token.type === "ordered_list_open"))
      break;
    if (token.type === "paragraph_open" && token.level === level + 2 && !token.hidden) loose = true;
  }
  list.spread = loose;
  for (const item of list.children) item.spread = loose && item.children.length > 1;
}

/**
 * GitHub's task item: a list item whose first paragraph starts with `[ ]` or `[x]` then a space or a line
 * break; the marker is taken out of the text, as mdast does.
 */
function markTask(item: ListItem): void {
  const first = item.children[0];
  if (first?.type !== "paragraph") return;
  const text = first.children[0];
  if (text?.type !== "text") return;
  const found = /^\[([ xX])\](?:[ \t]+|(?=\n))/.exec(text.value);
  if (!found) return;
  item.checked = found[1] !== " ";
  text.value = text.value.slice(found[0].length);
  if (text.value === "") first.children.shift();
}

/**
 * markdown-it's inline tokens as mdast phrasing content. `raw` is their source text, starting at
 * `firstLine`: followed along to count the lines, and to give inline code its line breaks back (markdown-it
 * turns them into spaces; mdast keeps them).
 */
function phrasing(tokens: Token[], firstLine: number, raw: string): PhrasingContent[] {
  const root: { children: PhrasingContent[] } = { children: [] };
  const stack: Array<{ children: PhrasingContent[] }> = [root];
  let line = firstLine;
  let cursor = 0;
  /** Moves past the next occurrence of `written` in `raw`, counting the line breaks it holds. */
  const pass = (written: string | RegExp): string | undefined => {
    let index: number;
    let found: string;
    if (typeof written === "string") {
      index = raw.indexOf(written, cursor);
      found = written;
    } else {
      written.lastIndex = cursor;
      const match = written.exec(raw);
      index = match ? match.index : -1;
      found = match?.[0] ?? "";
    }
    if (index < 0) return undefined;
    for (let i = found.indexOf("\n"); i >= 0; i = found.indexOf("\n", i + 1)) line++;
    cursor = index + found.length;
    return found;
  };
  const top = () => stack[stack.length - 1] as { children: PhrasingContent[] };
  const text = (value: string) => {
    if (value === "") return; // what emphasis delimiters leave behind
    const siblings = top().children;
    const last = siblings[siblings.length - 1];
    if (last?.type === "text") last.value += value;
    else siblings.push({ type: "text", value, position: at(line) });
  };
  const open = (node: PhrasingContent & { children: PhrasingContent[] }) => {
    top().children.push(node);
    stack.push(node);
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "text_special":
        text(token.content);
        break;
      case "softbreak":
        text("\n");
        pass("\n");
        break;
      case "hardbreak":
        top().children.push({ type: "break", position: at(line) });
        pass("\n");
        break;
      case "code_inline": {
        const start = line;
        const written = pass(codeSpan(token.markup, token.content));
        top().children.push({
          type: "inlineCode",
          value: written === undefined ? token.content : codeValue(written, token.markup),
          position: at(start),
        });
        break;
      }
      case "html_inline":
        top().children.push({ type: "html", value: token.content, position: at(line) });
        pass(token.content);
        break;
      case "em_open":
        open({ type: "emphasis", children: [], position: at(line) });
        break;
      case "strong_open":
        open({ type: "strong", children: [], position: at(line) });
        break;
      case "s_open":
        open({ type: "delete", children: [], position: at(line) });
        break;
      case "link_open":
        open({
          type: "link",
          url: token.attrGet("href") ?? "",
          title: token.attrGet("title") ?? null,
          children: [],
          position: at(line),
        });
        break;
      case "em_close":
      case "strong_close":
      case "s_close":
      case "link_close":
        stack.pop();
        break;
      case "footnote_ref": {
        const label = String(token.meta?.label ?? "");
        top().children.push({
          type: "footnoteReference",
          identifier: label.toLowerCase(),
          label,
          position: at(line),
        });
        pass(`[^${label}]`);
        break;
      }
      case "image": {
        top().children.push({
          type: "image",
          url: token.attrGet("src") ?? "",
          title: token.attrGet("title") ?? null,
          alt: altText(token.children ?? []),
          position: at(line),
        });
        for (const inner of token.children ?? []) if (inner.type === "softbreak") pass("\n");
        break;
      }
      default:
        if (token.content) text(token.content);
    }
  }
  return root.children;
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A code span as written: its backticks, its content where each space may have been a line break. */
function codeSpan(markup: string, content: string): RegExp {
  const inner = content.split(" ").map(literally).join("[ \\n]");
  return new RegExp(`${literally(markup)}[ \\n]?${inner}[ \\n]?${literally(markup)}`, "g");
}

/** The value mdast gives a code span written `written`: line breaks kept, one padding space or break off. */
function codeValue(written: string, markup: string): string {
  const inner = written.slice(markup.length, written.length - markup.length);
  const padded = inner.length >= 2 && /[ \n]/.test(inner[0] ?? "") && /[ \n]/.test(inner.at(-1) ?? "");
  return padded && /[^ \n]/.test(inner) ? inner.slice(1, -1) : inner;
}

/** An image's description as plain text, as mdast gives `alt`. */
function altText(tokens: Token[]): string {
  return tokens
    .map((t) => (t.type === "image" ? altText(t.children ?? []) : t.type === "softbreak" ? "\n" : t.content))
    .join("");
}
