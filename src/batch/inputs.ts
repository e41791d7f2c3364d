import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Lang } from "../i18n/text.js";
import { uniqueIds } from "./ids.js";
import { type BatchMessageId, batchText } from "./messages.js";

/** One student of the class, before grading. */
export interface BatchEntry {
  /** Unique folder name under the output folder (from the roster identifier). */
  id: string;
  /** The roster's columns for this student, kept for grades.csv. */
  columns: Record<string, string>;
  /** Git URL or folder to grade; absent when the roster row names no repository. */
  source?: string;
  /** Why this entry cannot be graded at all (an `error` row, never a silent gap). */
  problem?: { messageId: BatchMessageId; data: Record<string, string> };
}

export interface ClassList {
  columns: string[];
  entries: BatchEntry[];
}

/** An input the user gave that cannot be used: the message names the file and the cause. */
export class InputError extends Error {
  override name = "InputError";
}

const ROSTER_ID_COLUMNS = ["identifier", "github_username", "name", "github_id"];

/**
 * A GitHub Classroom roster (identifier, github_username, github_id, name, and any extra column) with a
 * repository URL template such as `https://github.com/ORG/lab-{github_username}.git`. A row whose template
 * column is empty becomes an entry with a problem: the student is listed, with the reason.
 */
export async function readRoster(file: string, template: string, lang: Lang): Promise<ClassList> {
  let rows: string[][];
  try {
    const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
    rows = parse(text, { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw new InputError(batchText(lang, "rosterUnreadable", { file, cause: (error as Error).message }));
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0) throw new InputError(batchText(lang, "rosterEmpty", { file }));
  const columns = header.map((name) => name.trim());
  const placeholders = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  for (const placeholder of placeholders) {
    if (!columns.includes(placeholder)) {
      throw new InputError(
        batchText(lang, "rosterMissingColumn", { file, placeholder, columns: columns.join(", ") }),
      );
    }
  }
  const records = body.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? ""])));
  const ids = uniqueIds(
    records.map((record, index) => {
      const named = ROSTER_ID_COLUMNS.map((c) => record[c]).find((v) => v && v.length > 0);
      return named ?? `row-${index + 2}`;
    }),
  );
  const entries = records.map((record, index): BatchEntry => {
    const id = ids[index] as string;
    const empty = placeholders.find((p) => !record[p]);
    if (empty)
      return { id, columns: record, problem: { messageId: "noRepository", data: { column: empty } } };
    const source = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(record[name] ?? ""),
    );
    return { id, columns: record, source };
  });
  return { columns, entries };
}

/** A text file with one git URL (or folder) a line; blank lines and `#` comments are ignored. */
export async function readUrlList(file: string, lang: Lang): Promise<ClassList> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(batchText(lang, "listUnreadable", { file, cause: (error as Error).message }));
  }
  const sources = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith("#"));
  if (sources.length === 0) throw new InputError(batchText(lang, "rosterEmpty", { file }));
  return fromSources(sources, (source) => sourceName(source));
}

/** A folder whose sub-folders are submissions (hidden folders left out), in name order. */
export async function readSubmissionFolder(dir: string, lang: Lang): Promise<ClassList> {
  let names: string[];
  try {
    const listed = await readdir(dir, { withFileTypes: true });
    names = listed
      .filter((d) => d.isDirectory() && !d.name.startsWith("."))
      .map((d) => d.name)
      .sort();
  } catch (error) {
    throw new InputError(batchText(lang, "listUnreadable", { file: dir, cause: (error as Error).message }));
  }
  if (names.length === 0) throw new InputError(batchText(lang, "rosterEmpty", { file: dir }));
  return fromSources(
    names.map((name) => path.join(dir, name)),
    (source) => path.basename(source),
  );
}

function fromSources(sources: string[], name: (source: string) => string): ClassList {
  const ids = uniqueIds(sources.map(name));
  return {
    columns: ["identifier", "source"],
    entries: sources.map((source, i) => {
      const id = ids[i] as string;
      return { id, columns: { identifier: id, source }, source };
    }),
  };
}

/** The last path component of a URL or folder, without `.git`. */
function sourceName(source: string): string {
  const trimmed = source.replace(/[/\\]+$/, "").replace(/\.git$/, "");
  return (
    trimmed
      .split(/[/\\:]/)
      .filter(Boolean)
      .pop() ?? "submission"
  );
}
