import { access } from "node:fs/promises";
import path from "node:path";
import type { DockerBackend } from "../docker/backend.js";
import type { DockerAvailability } from "../docker/session.js";
import { gradeResolved } from "../engine/grade-source.js";
import type { GraderRegistry } from "../grader/contract.js";
import type { Lang } from "../i18n/text.js";
import { toolVersion } from "../package-info.js";
import { type Rubric, submissionLayout } from "../rubric/types.js";
import { SubmissionError } from "../submission/git-source.js";
import { redactUrl } from "../submission/git-url.js";
import { type ResolvedSubmission, resolveSubmission } from "../submission/resolve.js";
import { contentDigest, reportKey } from "./content-key.js";
import type { BatchEntry } from "./inputs.js";
import { batchText } from "./messages.js";
import { errorRow, gradedRow } from "./rows.js";
import { collectSimilarityDocs } from "./similarity-docs.js";
import { readResult, type StoredResult, saveGraded, saveResult, studentDir } from "./store.js";
import type { SimilarityDoc } from "./types.js";

export interface CloneSettings {
  deadline?: Date;
  token?: string;
  tokenHosts?: string[];
  timeoutMs?: number;
  maxBytes?: number;
}

export interface EntryContext {
  rubric: Rubric;
  registry: GraderRegistry;
  lang: Lang;
  docker: DockerBackend;
  /**
   * The engine's availability, probed once for the class when the first submission must be graded;
   * undefined when the run stops for want of an engine (the submission is then left ungraded).
   */
  engine: () => Promise<DockerAvailability | undefined>;
  outDir: string;
  force: boolean;
  root?: string;
  clone: CloneSettings;
  /** Bounds the Docker-heavy part across the class (builds, containers), whatever the clone concurrency. */
  gradeSlot: <T>(work: () => Promise<T>) => Promise<T>;
  /** Held by each Docker check of every submission: bounds what the class asks of the engine at once. */
  dockerSlot?: <T>(work: () => Promise<T>) => Promise<T>;
  signal?: AbortSignal;
  /** What the submission is doing now, for the progress view. */
  onPhase?: (id: string, phase: string) => void;
}

/**
 * Grades one student of the class and records the result in their folder; never throws for the
 * student's repository (a clone that fails, a missing repository, a crash become an error row). Returns
 * undefined when the run was cancelled before the result was recorded: nothing is written then, and the
 * next run grades that student.
 */
export async function gradeEntry(entry: BatchEntry, ctx: EntryContext): Promise<StoredResult | undefined> {
  const base = {
    id: entry.id,
    columns: entry.columns,
    ...(entry.source ? { source: redactUrl(entry.source) } : {}),
  };
  const maxScore = ctx.rubric.assignment.totalPoints;
  const stored = (row: StoredResult["row"], key?: string): StoredResult => ({
    version: 1,
    row,
    ...(key ? { key } : {}),
    rubricDigest: ctx.rubric.digest,
    lang: ctx.lang,
  });
  const failed = async (error: string, extra: Partial<StoredResult["row"]> = {}) => {
    if (ctx.signal?.aborted) return undefined;
    const result = stored(errorRow({ ...base, ...extra }, maxScore, error));
    await saveResult(ctx.outDir, result);
    return result;
  };
  if (entry.problem || !entry.source) {
    return failed(batchText(ctx.lang, entry.problem?.messageId ?? "noRepository", entry.problem?.data));
  }
  ctx.onPhase?.(entry.id, "clone");
  let resolved: ResolvedSubmission;
  try {
    resolved = await resolveSubmission(entry.source, {
      root: ctx.root,
      ...submissionLayout(ctx.rubric.assignment),
      clone: { ...ctx.clone, signal: ctx.signal },
    });
  } catch (error) {
    const known = error instanceof SubmissionError;
    return failed(
      batchText(ctx.lang, known ? "cannotRead" : "gradingCrashed", {
        cause: known ? error.text(ctx.lang) : (error as Error).message,
      }),
    );
  }
  const { submission } = resolved;
  const found = {
    ...base,
    source: submission.source,
    ...(submission.commit ? { commit: submission.commit } : {}),
    ...(submission.commitDate ? { commitDate: submission.commitDate } : {}),
  };
  try {
    const content = await contentDigest(submission.repoRoot);
    const key = reportKey({
      content,
      rubricDigest: ctx.rubric.digest,
      toolVersion: toolVersion(),
      lang: ctx.lang,
      root: ctx.root,
    });
    const previous = ctx.force ? undefined : await reusable(ctx.outDir, entry.id, key);
    if (previous) {
      const result = stored({ ...previous.row, ...found, reused: true }, key);
      // Rewritten only when it says something new (the first reuse, a new commit of the same content).
      if (JSON.stringify(result) !== JSON.stringify(previous)) await saveResult(ctx.outDir, result);
      return result;
    }
    const availability = await ctx.engine();
    if (!availability || ctx.signal?.aborted) return undefined;
    const docs = await collectSimilarityDocs(resolved.files, submission, entry.id).catch(
      () => [] as SimilarityDoc[],
    );
    ctx.onPhase?.(entry.id, "queued");
    const report = await ctx.gradeSlot(() =>
      gradeResolved(resolved, {
        rubric: ctx.rubric,
        registry: ctx.registry,
        lang: ctx.lang,
        docker: ctx.docker,
        availability,
        signal: ctx.signal,
        onCheckStart: (check) => ctx.onPhase?.(entry.id, check.title),
        dockerSlot: ctx.dockerSlot,
        // Students who handed in the same content (the starter code, a copy) share one image build.
        buildKey: `${content}:${submission.rootRel}`,
      }),
    );
    if (ctx.signal?.aborted) return undefined;
    const result = stored(gradedRow(found, report), key);
    await saveGraded(ctx.outDir, result, report, docs);
    return result;
  } catch (error) {
    return failed(batchText(ctx.lang, "gradingCrashed", { cause: (error as Error).message }), found);
  } finally {
    await resolved.dispose();
  }
}

/**
 * The earlier result for this student, when it graded the same content with the same rubric and every
 * check of it was checked: a check the harness could not check (the engine lost mid-run, a deadline missed
 * under load, a tool missing) says nothing about the work, so the next run grades that student again.
 */
async function reusable(outDir: string, id: string, key: string): Promise<StoredResult | undefined> {
  const previous = await readResult(outDir, id);
  if (previous?.key !== key || previous.row.status !== "graded") return undefined;
  if ((previous.row.harnessErrors?.length ?? 0) > 0) return undefined;
  const present = await access(path.join(studentDir(outDir, id), "report.json")).then(
    () => true,
    () => false,
  );
  return present ? previous : undefined;
}
