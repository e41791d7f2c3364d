import { watch } from "node:fs";
import path from "node:path";
import { gradeResolved } from "../../engine/grade-source.js";
import type { GraderRegistry } from "../../grader/contract.js";
import type { CheckProgress } from "../../progress/check-progress.js";
import type { Report } from "../../report/schema.js";
import { reporters } from "../../reporters/index.js";
import { type Rubric, submissionLayout } from "../../rubric/types.js";
import { type ResolvedSubmission, resolveSubmission } from "../../submission/resolve.js";
import { SubmissionError } from "../../submission/submission-error.js";
import type { CheckOptions } from "../check-session.js";
import { progressFor, reportSlug, writeAndSay } from "../check-session.js";
import { type CommandIO, traceTo, UsageError } from "../io.js";
import type { Destination } from "../report-destination.js";
import { classifyChange, outputInside } from "./changes.js";
import { checksToRerun, type Input } from "./check-inputs.js";
import { changeLines } from "./diff.js";
import { replayRegistry } from "./replay.js";
import { SessionKeeper } from "./session-keeper.js";
import { watchWords as words } from "./words.js";

export interface WatchRun {
  /** The checks graded again (all of them on the first run). */
  rerun: string[];
  /** Whether the image was built again (a new Docker session). */
  rebuilt: boolean;
  report: Report;
  durationMs: number;
}

export interface WatchInput extends CheckOptions {
  rubric: Rubric;
  destination: Destination;
  registry: GraderRegistry;
  /** Quiet time after the last save before grading again (editors write a file in several steps). */
  debounceMs?: number;
  /** Told after each run (tests). */
  onRun?: (run: WatchRun) => void;
}

/**
 * `check --watch`: grades the folder once, then again after every save, re-running only the checks whose
 * inputs changed (see check-inputs.ts) and reusing the other results; prints what changed since the last
 * run. The Docker session is kept while the build context is unchanged. Runs until `signal` aborts (the
 * CLI: until Ctrl-C, whose handler closes the open Docker sessions).
 */
export async function watchSubmission(input: WatchInput, io: CommandIO): Promise<void> {
  // Each rebuild (a change of the build context) reuses the layers of the runs before it, pip's included;
  // they go when watching ends (or on Ctrl-C, once the open sessions have closed).
  const releaseLayers = input.docker.keepLayers?.();
  try {
    await watchRuns(input, io);
  } finally {
    await releaseLayers?.().catch(() => undefined);
  }
}

async function watchRuns(input: WatchInput, io: CommandIO): Promise<void> {
  const { rubric, lang } = input;
  const { registry } = input;
  let progress: CheckProgress | undefined;
  let resolved = await resolve(input);
  const keeper = new SessionKeeper(() =>
    input.docker.open({
      submission: resolved.submission,
      files: resolved.files,
      rubric,
      signal: input.signal,
      log: input.verbose ? traceTo(io, lang) : () => {},
      onBuildProgress: (event) => progress?.build(event),
    }),
  );
  const availability = await input.docker.probe();
  const all = new Set(rubric.steps.flatMap((step) => step.checks.map((check) => check.id)));

  const grade = async (rerun: ReadonlySet<string>, previous?: Report): Promise<WatchRun> => {
    const started = Date.now();
    const opened = keeper.opened;
    progress = progressFor(input, rubric, io, (id) => !rerun.has(id));
    try {
      const report = await gradeResolved(resolved, {
        rubric,
        lang,
        docker: input.docker,
        availability,
        registry: previous ? replayRegistry(registry, rubric, previous, rerun) : registry,
        openSession: () => keeper.session(),
        signal: input.signal,
        onCheckStart: (check) => progress?.checkStarted(check),
        onCheck: (result) => progress?.checkFinished(result),
      });
      return { rerun: [...rerun], rebuilt: keeper.opened > opened, report, durationMs: Date.now() - started };
    } finally {
      progress.end();
    }
  };

  let last = await grade(all);
  // Interrupted during the first run: nothing to show (see checkCommand), nothing to watch.
  if (input.signal?.aborted) return;
  io.stdout(reporters.text(last.report, { color: input.color, showHidden: input.showHidden }));
  const ownOutput =
    "dir" in input.destination
      ? outputInside(resolved.submission.repoRoot, path.join(input.destination.dir, reportSlug(last.report)))
      : [];
  await writeAndSay(last.report, input.destination, lang, io);
  // Watching starts before the first run is announced, so no save made after it is missed.
  const watcher = watch(resolved.submission.repoRoot, { recursive: true });
  input.onRun?.(last);
  io.stderr(`${words.watching(lang, resolved.submission.repoRoot)}\n`);

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const iterate = async () => {
    const changed = [...pending];
    pending.clear();
    const before = resolved.submission;
    try {
      resolved = await resolve(input);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`${error.message}\n${words.fixAndSave(lang)}\n`);
      return;
    }
    const inputs = new Set<Input>();
    for (const rel of changed) {
      const kind = classifyChange(rel, { reportFile: before.reportFile, ownOutput });
      if (kind) inputs.add(kind);
    }
    if (resolved.submission.reportFile !== before.reportFile) inputs.add("report");
    if (resolved.submission.rootRel !== before.rootRel) inputs.add("context");
    if (inputs.size === 0) return;
    if (inputs.has("context")) await keeper.discard();
    const rerun = checksToRerun(rubric, registry, inputs);
    io.stderr(
      `\n${words.regrading(
        lang,
        changed.filter((rel) => classifyChange(rel, { ownOutput }) !== undefined),
        rerun.size,
      )}\n`,
    );
    const previous = last.report;
    last = await grade(rerun, previous);
    if (input.signal?.aborted) return;
    for (const line of changeLines(previous, last.report, lang, input.showHidden)) io.stdout(`${line}\n`);
    await writeAndSay(last.report, input.destination, lang, io);
    input.onRun?.(last);
  };

  const flush = () => {
    if (running) {
      again = true;
      return;
    }
    running = iterate()
      .catch((error: unknown) => io.stderr(`${words.runFailed(lang, (error as Error).message)}\n`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          flush();
        }
      });
  };

  watcher.on("change", (_event, file) => {
    if (!file) return;
    const rel = String(file).split(path.sep).join("/");
    if (classifyChange(rel, { reportFile: resolved.submission.reportFile, ownOutput }) === undefined) return;
    pending.add(rel);
    clearTimeout(timer);
    timer = setTimeout(flush, input.debounceMs ?? 300);
  });
  try {
    await new Promise<void>((resolveStop, rejectStop) => {
      watcher.on("error", rejectStop);
      if (input.signal?.aborted) resolveStop();
      input.signal?.addEventListener("abort", () => resolveStop(), { once: true });
    });
  } finally {
    clearTimeout(timer);
    watcher.close();
    await running;
    await keeper.discard();
  }
}

async function resolve(input: WatchInput): Promise<ResolvedSubmission> {
  try {
    return await resolveSubmission(input.source, {
      root: input.root,
      ...submissionLayout(input.rubric.assignment),
    });
  } catch (error) {
    if (error instanceof SubmissionError) throw new UsageError(error.text(input.lang));
    throw error;
  }
}
