// Test helpers for the graders that read the lab report: a grader context over a real folder, with the
// real SubmissionFiles (so path safety is exercised, never stubbed).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import type { AnyGrader, GraderContext } from "../grader/contract.js";
import { fixtureSubmission, testAssignment } from "../grader/test-context.js";
import type { Lang } from "../i18n/text.js";
import { paramsWithDefaults } from "../rubric/validate-schema.js";

/** A grader context for the submission in `repoDir`, whose report is `reportFile` (repository-relative). */
export function reportContext(
  repoDir: string,
  reportFile: string | undefined,
  lang: Lang = "en",
): GraderContext {
  const { submission, files } = fixtureSubmission(repoDir);
  return {
    lang,
    submission: { ...submission, reportFile },
    files,
    assignment: testAssignment(),
    check: { id: "test", points: 10, timeoutMs: 60_000 },
    signal: new AbortController().signal,
    log: () => {},
  };
}

/** A fresh folder holding `README.md` with `markdown`, and its grader context. */
export function reportRepo(markdown: string, lang: Lang = "en"): { dir: string; ctx: GraderContext } {
  const dir = mkdtempSync(path.join(tmpdir(), "dockgrade-report-"));
  writeFileSync(path.join(dir, "README.md"), markdown);
  return { dir, ctx: reportContext(dir, "README.md", lang) };
}

/** Parameters as the rubric loader hands them to a grader: validated, defaults filled. Throws when invalid. */
export function paramsFor(grader: AnyGrader, raw: Record<string, unknown>): Record<string, unknown> {
  return paramsWithDefaults(grader.params, raw);
}

/** The `params` of check `id` in a snippet file of docs/snippets. */
export function snippetParams(file: string, id: string): Record<string, unknown> {
  const checks = parse(
    readFileSync(new URL(`../../docs/snippets/${file}`, import.meta.url), "utf8"),
  ) as Array<{
    id: string;
    params: Record<string, unknown>;
  }>;
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id} in docs/snippets/${file}`);
  return check.params;
}
