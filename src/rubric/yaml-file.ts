import { readFile, stat } from "node:fs/promises";
import { type Document, LineCounter, parseDocument } from "yaml";
import type { MessageData } from "../i18n/text.js";
import type { RubricMessageId } from "./messages.js";

/** A rubric file may be large, not huge: a multi-megabyte YAML is a mistake or an attack. */
export const MAX_RUBRIC_FILE_BYTES = 256 * 1024;
/** yaml's guard against "billion laughs": expanding more aliases than this throws. */
export const MAX_YAML_ALIASES = 100;

export interface Problem {
  file: string;
  line: number;
  column: number;
  /** The field, as a readable path: `checks[2].points`. Empty for the whole file. */
  field: string;
  messageId: RubricMessageId;
  data?: MessageData;
}

export interface YamlFile {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

export type YamlPath = ReadonlyArray<string | number>;

/** Reads and parses one rubric file; every failure becomes a positioned problem, never a throw. */
export async function readYamlFile(file: string): Promise<{ yaml?: YamlFile; problems: Problem[] }> {
  const at = (messageId: RubricMessageId, data?: MessageData, line = 1, column = 1): Problem => ({
    file,
    line,
    column,
    field: "",
    messageId,
    data,
  });
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_RUBRIC_FILE_BYTES) {
      return { problems: [at("tooLarge", { size: info.size, max: MAX_RUBRIC_FILE_BYTES })] };
    }
    text = await readFile(file, "utf8");
  } catch (error) {
    return { problems: [at("unreadable", { detail: (error as Error).message })] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const pos = lines.linePos(error.pos[0]);
        return at("yamlSyntax", { detail: error.message.split("\n")[0] }, pos.line, pos.col);
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    const message = (error as Error).message;
    if (/alias/i.test(message)) return { problems: [at("aliasBomb", { max: MAX_YAML_ALIASES })] };
    return { problems: [at("yamlSyntax", { detail: message })] };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { problems: [at("notMapping")] };
  }
  return { yaml: { file, text, doc, lines, value }, problems: [] };
}

/** Where `path` sits in the file: the value's start, or for a missing field its parent's start. */
export function positionOf(yaml: YamlFile, path: YamlPath, atKey = false): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    if (atKey && depth === path.length && sub.length > 0) {
      const parent = sub.length === 1 ? yaml.doc.contents : yaml.doc.getIn(sub.slice(0, -1), true);
      const pair = findPair(parent, sub[sub.length - 1]);
      if (pair) return toPos(yaml, pair);
      continue;
    }
    const node = sub.length === 0 ? yaml.doc.contents : yaml.doc.getIn(sub, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = yaml.lines.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

function findPair(
  parent: unknown,
  key: string | number | undefined,
): { range: [number, number, number] } | undefined {
  const items = (parent as { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> })
    ?.items;
  const pair = items?.find((item) => item.key?.value === key);
  return pair?.key?.range ? { range: pair.key.range } : undefined;
}

function toPos(yaml: YamlFile, node: { range: [number, number, number] }): { line: number; column: number } {
  const pos = yaml.lines.linePos(node.range[0]);
  return { line: pos.line, column: pos.col };
}

/** `["checks", 2, "points"]` -> `checks[2].points`. */
export function fieldName(path: YamlPath): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    return out ? `${out}.${part}` : part;
  }, "");
}
