import type { Root } from "mdast";
import type { Refusal, SubmissionFiles } from "../submission/files.js";
import { MAX_REPORT_BYTES } from "../submission/find-report.js";
import { parseMarkdownBounded } from "./parse-bounded.js";

export type ParsedReport =
  | { ok: true; rel: string; text: string; root: Root }
  | { ok: false; rel: string; reason: Refusal | "too-complex" };

const memo = new WeakMap<SubmissionFiles, Map<string, Promise<ParsedReport>>>();

/**
 * The submission's report, read and parsed once per submission however many checks read it (each report
 * check used to parse it again: minutes of CPU for a README near the size cap). Keyed on the submission's
 * `SubmissionFiles`, so it goes with the submission.
 */
export function readParsedReport(files: SubmissionFiles, file: string): Promise<ParsedReport> {
  const reports = memo.get(files) ?? new Map<string, Promise<ParsedReport>>();
  memo.set(files, reports);
  let parsed = reports.get(file);
  if (!parsed) {
    parsed = (async (): Promise<ParsedReport> => {
      const read = await files.readText(file, { from: "repo", maxBytes: MAX_REPORT_BYTES });
      if (!read.ok) return read;
      const tree = await parseMarkdownBounded(read.text);
      return tree.ok
        ? { ok: true, rel: read.rel, text: read.text, root: tree.root }
        : { ok: false, rel: read.rel, reason: tree.reason };
    })();
    reports.set(file, parsed);
  }
  return parsed;
}
