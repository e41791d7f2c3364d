import { realpathSync } from "node:fs";
import path from "node:path";
import type { Lang } from "../i18n/text.js";
import { DEFAULT_LIMITS, DEFAULT_REPORT_CANDIDATES, DEFAULT_TIMEOUTS } from "../rubric/types.js";
import { SubmissionFiles } from "../submission/files.js";
import type { Submission } from "../submission/types.js";
import type { AnyGrader, GraderContext, GraderResult } from "./contract.js";

/**
 * A grader context over a real folder, for graders' unit tests: real files, the rubric's defaults, no Docker
 * unless given. `root` is relative to `repoRoot` (a lab kept in `tp1/`).
 */
export function contextFor(
  repoRoot: string,
  options: { root?: string; reportFile?: string; lang?: Lang; docker?: GraderContext["docker"] } = {},
): GraderContext {
  const repo = realpathSync(repoRoot);
  const root = options.root ? path.join(repo, options.root) : repo;
  const submission: Submission = {
    source: repoRoot,
    repoRoot: repo,
    root,
    rootRel: options.root ?? "",
    reportFile: options.reportFile,
  };
  return {
    lang: options.lang ?? "en",
    submission,
    files: new SubmissionFiles(repo, root),
    assignment: {
      id: "test",
      title: "test",
      language: "fr",
      totalPoints: 100,
      image: { name: "quotegen", tags: ["1.1.0", "latest"] },
      steps: [],
      timeouts: { ...DEFAULT_TIMEOUTS },
      limits: { ...DEFAULT_LIMITS },
      reportCandidates: DEFAULT_REPORT_CANDIDATES,
    },
    check: { id: "test-check", points: 1, timeoutMs: 60_000 },
    docker: options.docker,
    signal: new AbortController().signal,
    log: () => {},
  };
}

/** Runs a grader as the engine would: parameters defaulted by its schema first. */
export async function runWithDefaults(
  grader: AnyGrader,
  ctx: GraderContext,
  params: Record<string, unknown>,
): Promise<GraderResult> {
  const { Value } = await import("@sinclair/typebox/value");
  const filled = Value.Default(grader.params, structuredClone(params)) as Record<string, unknown>;
  return grader.run(ctx, filled);
}
