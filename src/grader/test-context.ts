import { realpathSync } from "node:fs";
import path from "node:path";
import { renderMessage } from "../i18n/catalog.js";
import type { Lang } from "../i18n/text.js";
import {
  type Assignment,
  DEFAULT_BUILD,
  DEFAULT_DOCKERFILE,
  DEFAULT_LIMITS,
  DEFAULT_REPORT_CANDIDATES,
  DEFAULT_STEP_HEADING,
  DEFAULT_TIMEOUTS,
} from "../rubric/types.js";
import { paramsWithDefaults } from "../rubric/validate-schema.js";
import { SubmissionFiles } from "../submission/files.js";
import type { Submission } from "../submission/types.js";
import type { AnyGrader, GraderContext, GraderResult } from "./contract.js";

/** A folder used as a whole submission (its own repository root). */
export function fixtureSubmission(dir: string): { submission: Submission; files: SubmissionFiles } {
  const root = realpathSync(dir);
  return {
    submission: { source: dir, repoRoot: root, root, rootRel: "" },
    files: new SubmissionFiles(root, root),
  };
}

/** The course's assignment as the tests know it (quotegen 1.0.0), with `overrides`. */
export function testAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: "tp-docker",
    title: "TP Docker",
    language: "fr",
    totalPoints: 20,
    image: { name: "quotegen", tags: ["1.0.0"] },
    steps: ["01.yaml"],
    timeouts: { ...DEFAULT_TIMEOUTS },
    limits: { ...DEFAULT_LIMITS },
    // The offline stand-in base image exists only on the engine: the tests' builds must be allowed it.
    build: { ...DEFAULT_BUILD, allowedBases: ["python:3.12-slim"] },
    reportCandidates: ["README.md"],
    stepHeading: DEFAULT_STEP_HEADING,
    dockerfile: DEFAULT_DOCKERFILE,
    ...overrides,
  };
}

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
    assignment: testAssignment({
      id: "test",
      title: "test",
      totalPoints: 100,
      image: { name: "quotegen", tags: ["1.1.0", "latest"] },
      steps: [],
      reportCandidates: DEFAULT_REPORT_CANDIDATES,
    }),
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
  return grader.run(ctx, paramsWithDefaults(grader.params, params));
}

/** The findings of a result, rendered in `lang`, one per line (problems and infos alike). */
export function rendered(grader: AnyGrader, result: GraderResult, lang: Lang = "en"): string {
  return result.findings.map((f) => renderMessage(grader.messages, f.messageId, lang, f.data)).join("\n");
}
