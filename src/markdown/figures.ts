import type { Definition, Nodes, Root, RootContent } from "mdast";
import { lineOf, plainText } from "./parse.js";
import type { Section } from "./sections.js";

/** An image a section shows, with the words around it that say what it is. */
export interface ImageRef {
  /** The link as written (`media/ps.png`, `https://…`, `../x.png`), URL-decoded, without `#…`/`?…`. */
  url: string;
  alt: string;
  line?: number;
  /** Alt text, title, nearest sub-heading, the item or paragraph holding it and the block just before. */
  caption: string;
}

/** A code block of a section, with the same kind of caption (what the student said it shows). */
export interface CodeBlock {
  value: string;
  lang?: string;
  line?: number;
  caption: string;
}

const HOLDERS = new Set(["listItem", "tableRow", "blockquote"]);
const HTML_IMG = /<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi;
const HTML_ALT = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

/** Images (Markdown, reference-style and HTML `<img>`) and code blocks of a section, in order. */
export function figuresOf(section: Section, root: Root): { images: ImageRef[]; code: CodeBlock[] } {
  const definitions = new Map<string, Definition>();
  for (const block of root.children)
    if (block.type === "definition") definitions.set(block.identifier, block);
  const images: ImageRef[] = [];
  const code: CodeBlock[] = [];
  let heading = "";
  let previous = "";
  for (const block of section.children) {
    if (block.type === "heading") {
      heading = plainText(block);
      previous = "";
      continue;
    }
    const around = (ancestors: Nodes[]) => {
      const holder = [...ancestors].reverse().find((a) => HOLDERS.has(a.type)) ?? block;
      return [heading, previous, holder === block && ancestors.length === 0 ? "" : plainText(holder)];
    };
    const visit = (node: Nodes, ancestors: Nodes[]): void => {
      if (node.type === "image" || node.type === "imageReference") {
        const url = node.type === "image" ? node.url : (definitions.get(node.identifier)?.url ?? "");
        const title = node.type === "image" ? (node.title ?? "") : "";
        const alt = node.alt ?? "";
        images.push({
          url: cleanUrl(url),
          alt,
          line: lineOf(node),
          caption: join([alt, title, ...around(ancestors)]),
        });
      } else if (node.type === "html") {
        for (const m of node.value.matchAll(HTML_IMG)) {
          const alt = HTML_ALT.exec(m[0]);
          const altText = alt?.[1] ?? alt?.[2] ?? "";
          const url = cleanUrl(m[1] ?? m[2] ?? m[3] ?? "");
          images.push({
            url,
            alt: altText,
            line: lineOf(node),
            caption: join([altText, ...around(ancestors)]),
          });
        }
      } else if (node.type === "code") {
        code.push({
          value: node.value,
          lang: node.lang ?? undefined,
          line: lineOf(node),
          caption: join(around(ancestors)),
        });
      }
      if ("children" in node)
        for (const child of node.children as Nodes[]) visit(child, [...ancestors, node]);
    };
    visit(block, []);
    if (!onlyFigures(block)) previous = plainText(block, { code: false });
  }
  return { images, code };
}

/** A paragraph holding only images, or a code block: not a caption for what follows it. */
function onlyFigures(block: RootContent): boolean {
  if (block.type === "code" || block.type === "html") return true;
  if (block.type !== "paragraph") return false;
  return block.children.every(
    (c) =>
      c.type === "image" ||
      c.type === "imageReference" ||
      (c.type === "text" && c.value.trim() === "") ||
      c.type === "break",
  );
}

function cleanUrl(raw: string): string {
  const bare = raw.trim().replace(/[?#].*$/, "");
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}

function join(parts: string[]): string {
  return parts.filter((p) => p.trim() !== "").join("\n");
}
