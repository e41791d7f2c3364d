import type { ListItem, Nodes, Paragraph, RootContent, TableRow } from "mdast";
import { normalizeText } from "../text/normalize.js";
import { lineOf, plainText } from "./parse.js";

/** One answer of a quiz-like section: the question as the student repeated it (if any) and the answer. */
export interface Answer {
  /** The question or label the student wrote before the answer (a heading, a list item's first line…). */
  title?: string;
  /** The answer itself, without the title. */
  nodes: Nodes[];
  /** The number the student gave it (`3)`, `Q3`, third item of an ordered list), when there is one. */
  number?: number;
  line?: number;
}

/** A block of the section, lists opened into their items (an item remembers its list's numbering). */
interface Unit {
  node: RootContent | ListItem;
  ordered?: boolean;
  number?: number;
}

const MARKER = /^(?:q(?:uestion)?\s*(\d+)|(\d+)\s*[.)°:-])/;

/**
 * Splits the blocks of a section into answers, trying the layouts students use, most explicit first:
 * sub-headings, numbered paragraphs (`**1. …**`, `Q2 :`), numbered list items (each followed by what
 * comes until the next), blockquotes (with the paragraph just before as their question), table rows,
 * bullet items, then paragraphs. A layout applies when it yields at least two answers; otherwise the
 * whole section is one answer.
 */
export function splitAnswers(children: readonly RootContent[]): Answer[] {
  const units = unitsOf(children);
  const depths = units.flatMap((u) => (u.node.type === "heading" ? [u.node.depth] : []));
  // The shallowest level that has two headings or more: `### Q1`… even when a lone `## Bilan` follows.
  const level = [...new Set(depths)]
    .sort((a, b) => a - b)
    .find((d) => depths.filter((x) => x === d).length >= 2);
  const layouts: Array<(u: Unit) => boolean> = [
    (u) => u.node.type === "heading" && u.node.depth === level,
    (u) => u.node.type === "paragraph" && MARKER.test(normalizeText(plainText(u.node))),
    (u) => u.node.type === "listItem" && u.ordered === true,
  ];
  for (const isStart of layouts) {
    const answers = splitAt(units, units.map(isStart));
    if (answers.length >= 2) return answers;
  }
  const quoted = splitAt(units, quoteStarts(units));
  if (quoted.length >= 2) return quoted;
  const rows = units.flatMap((u) => (u.node.type === "table" ? u.node.children.slice(1) : []));
  if (rows.length >= 2) return rows.map(rowAnswer);
  const bullets = splitAt(
    units,
    units.map((u) => u.node.type === "listItem" && u.ordered === false),
  );
  if (bullets.length >= 2) return bullets;
  // A plain paragraph is an answer, not a question: only a bold label at its start can be a title.
  const paragraphs = splitAt(
    units,
    units.map((u) => u.node.type === "paragraph"),
    false,
  );
  if (paragraphs.length >= 2) return paragraphs;
  const nodes = units.map((u) => u.node).filter((n) => n.type !== "heading");
  return nodes.length > 0 ? [{ nodes, line: lineOf(nodes[0]) }] : [];
}

/** An answer parsed on its own: how the quiz corpus and single-answer checks are scored. */
export function answerOf(children: readonly RootContent[]): Answer {
  return { nodes: [...children], line: lineOf(children[0]) };
}

function unitsOf(children: readonly RootContent[]): Unit[] {
  return children.flatMap((node): Unit[] =>
    node.type === "list"
      ? node.children.map((item, i) => ({
          node: item,
          ordered: node.ordered === true,
          number: node.ordered ? (node.start ?? 1) + i : undefined,
        }))
      : [{ node }],
  );
}

/**
 * Each start begins an answer that takes the units up to the next start, or up to a heading (of the
 * start's level or above, when the start is a heading): an answer never runs into the next part of the
 * report. Units before the first start are left out.
 */
function splitAt(units: Unit[], starts: boolean[], paragraphTitles = true): Answer[] {
  const answers: Answer[] = [];
  for (let i = 0; i < units.length; i++) {
    if (!starts[i]) continue;
    const start = units[i]?.node;
    const limit = start?.type === "heading" ? start.depth : 6;
    let end = i + 1;
    while (end < units.length && !starts[end]) {
      const next = units[end]?.node;
      if (next?.type === "heading" && next.depth <= limit) break;
      end++;
    }
    answers.push(entitle(units[i] as Unit, units.slice(i + 1, end), paragraphTitles));
  }
  return answers;
}

/** Blockquotes start answers; a plain paragraph just before a blockquote is its question and starts it. */
function quoteStarts(units: Unit[]): boolean[] {
  const starts = units.map(() => false);
  units.forEach((u, i) => {
    if (u.node.type !== "blockquote") return;
    const before = units[i - 1];
    if (before?.node.type === "paragraph" && !starts[i - 1]) starts[i - 1] = true;
    else starts[i] = true;
  });
  return starts;
}

/** Separates the question (heading, first line of an item followed by more, leading bold label) from the answer. */
function entitle(start: Unit, rest: Unit[], paragraphTitles: boolean): Answer {
  const node = start.node;
  const tail = rest.map((u) => u.node as Nodes);
  const line = lineOf(node);
  if (node.type === "heading") return numbered({ title: plainText(node), nodes: tail, line }, start);
  const inner: Nodes[] =
    node.type === "listItem" || node.type === "blockquote" ? [...node.children] : [node as Nodes];
  const [first, ...more] = inner;
  if (first?.type === "paragraph") {
    const label = leadingLabel(first);
    if (label) return numbered({ title: label.title, nodes: [label.rest, ...more, ...tail], line }, start);
    if (more.length > 0 || (tail.length > 0 && paragraphTitles))
      return numbered({ title: plainText(first), nodes: [...more, ...tail], line }, start);
  }
  return numbered({ nodes: [...inner, ...tail], line }, start);
}

/** `**ENTRYPOINT vs CMD** : …` -> title `ENTRYPOINT vs CMD` and the rest of the paragraph. */
function leadingLabel(paragraph: Paragraph): { title: string; rest: Paragraph } | undefined {
  const [head, ...after] = paragraph.children;
  if (!head || (head.type !== "strong" && head.type !== "emphasis")) return undefined;
  const rest: Paragraph = { type: "paragraph", children: after, position: paragraph.position };
  if (plainText(rest).replace(/[\s:.\-–—]/g, "") === "") return undefined;
  return { title: plainText(head), rest };
}

/** Gives the answer the number of its list item, else the number its title or first line starts with. */
function numbered(answer: Answer, start?: Unit): Answer {
  if (start?.number !== undefined) return { ...answer, number: start.number };
  const marker = MARKER.exec(normalizeText(answer.title ?? plainText(answer.nodes.slice(0, 1))));
  return marker ? { ...answer, number: Number(marker[1] ?? marker[2]) } : answer;
}

function rowAnswer(row: TableRow): Answer {
  const [first, ...others] = row.children;
  const line = lineOf(row);
  if (first && others.length > 0) return numbered({ title: plainText(first), nodes: others, line });
  return numbered({ nodes: [...row.children], line });
}

/** Everything the answer says, title included (what concepts are looked for in). */
export function answerText(answer: Answer): string {
  return [answer.title ?? "", plainText(answer.nodes)].join("\n").trim();
}

/** The answer's words outside code, title excluded (what the explanation rule measures). */
export function answerProse(answer: Answer): string {
  return plainText(answer.nodes, { code: false });
}
