import path from "node:path";
import { writeFileAtomic } from "../report/atomic-write.js";
import type { Report } from "../report/schema.js";
import { renderMarkdown } from "./markdown.js";

/** A folder name for a submission: its folder or repository name, safe on every filesystem. */
export function submissionSlug(source: string, subPath = ""): string {
  const trimmed = source.replace(/[/\\]+$/, "").replace(/\.git$/, "");
  const base =
    trimmed
      .split(/[/\\:]/)
      .filter(Boolean)
      .pop() ?? "submission";
  const parts = [base, ...subPath.split("/").filter(Boolean)];
  const slug = parts
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "");
  return slug.slice(0, 100) || "submission";
}

/**
 * Writes report.json and report.md into `<outDir>/<slug>/`. report.json is the whole record, hidden checks
 * included (`dockgrade render --show-hidden` shows them); report.md is what was printed: hidden checks
 * only with `showHidden` (instructors), so a student's report.md matches their terminal. Each file is
 * written to a temporary name and renamed, so an interrupted run never leaves a half-written report.
 */
export async function writeReport(
  report: Report,
  outDir: string,
  options: { showHidden?: boolean; slug?: string } = {},
): Promise<{ dir: string; json: string; markdown: string }> {
  const dir = path.join(
    outDir,
    options.slug ?? submissionSlug(report.submission.source, report.submission.path),
  );
  const json = path.join(dir, "report.json");
  const markdown = path.join(dir, "report.md");
  await writeFileAtomic(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(markdown, renderMarkdown(report, { showHidden: options.showHidden ?? false }));
  return { dir, json, markdown };
}
