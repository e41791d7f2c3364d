import type { Nodes, Root } from "mdast";
import { describe, expect, it } from "vitest";
import { lineOf, parseMarkdown, plainText } from "./parse.js";
import { findSection } from "./sections.js";

/** Every node of `root` of a type, in document order. */
function all<T extends Nodes["type"]>(root: Root, type: T): Array<Extract<Nodes, { type: T }>> {
  const found: Nodes[] = [];
  const visit = (node: Nodes) => {
    if (node.type === type) found.push(node);
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return found as Array<Extract<Nodes, { type: T }>>;
}

describe("a report's Markdown as an mdast tree", () => {
  it("gives each block and each inline node the line it starts on", () => {
    const root = parseMarkdown(
      [
        "# Etape 1", // 1
        "", // 2
        "Build with `docker build`", // 3
        "then tag with `docker tag", // 4
        "quotegen:1.1.0 quotegen:latest` and **run** it.", // 5
        "", // 6
        "```bash title=run", // 7
        "docker run --rm quotegen", // 8
        "```", // 9
      ].join("\n"),
    );
    expect(all(root, "heading").map((h) => [h.depth, lineOf(h)])).toEqual([[1, 1]]);
    // A code span keeps its line break, as mdast does (markdown-it turns it into a space).
    expect(all(root, "inlineCode").map((c) => [c.value, lineOf(c)])).toEqual([
      ["docker build", 3],
      ["docker tag\nquotegen:1.1.0 quotegen:latest", 4],
    ]);
    expect(all(root, "strong").map(lineOf)).toEqual([5]);
    expect(all(root, "code").map((c) => [c.lang, c.meta, c.value, lineOf(c)])).toEqual([
      ["bash", "title=run", "docker run --rm quotegen", 7],
    ]);
  });

  it("reads GitHub's task items, tables and strikethrough", () => {
    const root = parseMarkdown(
      [
        "- [x] built",
        "- [ ] tagged",
        "- [y] not a task",
        "",
        "| Command | Size |",
        "|:--|--:|",
        "| `docker images` | ~~250~~ 242 MB |",
      ].join("\n"),
    );
    expect(all(root, "listItem").map((item) => [item.checked, plainText(item)])).toEqual([
      [true, "built"],
      [false, "tagged"],
      [null, "[y] not a task"],
    ]);
    const [table] = all(root, "table");
    expect(table?.align).toEqual(["left", "right"]);
    expect(all(root, "tableRow").map(lineOf)).toEqual([5, 7]);
    expect(plainText(root)).toContain("docker images | 250 242 MB");
    expect(all(root, "delete")).toHaveLength(1);
  });

  it("keeps a screenshot's path as written, and resolves a reference to it", () => {
    const root = parseMarkdown(
      [
        "![Sortie de docker ps](<captures/étape 3.png>)",
        "",
        "![docker images][images]",
        "",
        "[images]: captures/images%20list.png",
      ].join("\n"),
    );
    expect(all(root, "image").map((i) => [i.url, i.alt, lineOf(i)])).toEqual([
      ["captures/étape 3.png", "Sortie de docker ps", 1],
      ["captures/images%20list.png", "docker images", 3],
    ]);
  });

  it("makes a link of <…> only: a bare URL stays text", () => {
    const root = parseMarkdown("See <http://localhost:5000/quote> or http://localhost:5000/quote.");
    expect(all(root, "link").map((l) => l.url)).toEqual(["http://localhost:5000/quote"]);
    expect(plainText(root)).toBe("See http://localhost:5000/quote or http://localhost:5000/quote.");
  });

  it("keeps GitHub's footnotes where they are written, with their text and line", () => {
    const text = [
      "## Etape 3", // 1
      "", // 2
      "Le conteneur s'arrête vite[^pid].", // 3
      "", // 4
      "[^pid]: Gunicorn est le PID 1", // 5
      "", // 6
      "## Etape 4", // 7
      "", // 8
      "Le volume masque le fichier ^[pas une note GitHub].", // 9
    ].join("\n");
    const root = parseMarkdown(text);
    expect(all(root, "footnoteReference").map((r) => [r.label, lineOf(r)])).toEqual([["pid", 3]]);
    const [definition] = all(root, "footnoteDefinition");
    expect([definition?.label, lineOf(definition), plainText(definition as Nodes)]).toEqual([
      "pid",
      5,
      "Gunicorn est le PID 1",
    ]);
    // In its step's section, not moved to the end of the report; a single word is not taken for a link's URL.
    expect(plainText(findSection(root, /etape\s*3/)?.children ?? [])).toContain("Gunicorn est le PID 1");
    expect(plainText(findSection(root, /etape\s*4/)?.children ?? [])).toBe(
      "Le volume masque le fichier ^[pas une note GitHub].",
    );
    expect(plainText(parseMarkdown("Un modèle[^1].\n\n[^1]: immuable\n"))).toBe("Un modèle.\nimmuable");
  });

  it("tells tight lists from loose ones, and numbers ordered lists from their start", () => {
    const root = parseMarkdown("3. a\n4. b\n\n- c\n\n- d\n");
    expect(all(root, "list").map((l) => [l.ordered, l.start, l.spread])).toEqual([
      [true, 3, false],
      [false, null, true],
    ]);
  });
});
