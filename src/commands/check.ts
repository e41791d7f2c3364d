import { registry } from "../../graders/index.js";
import { interruptedExitCode } from "../docker/shutdown.js";
import { reportLostEngine } from "../engine/engine-lost.js";
import { gradeSource } from "../engine/grade-source.js";
import type { Report } from "../report/schema.js";
import { reporters } from "../reporters/index.js";
import type { Rubric } from "../rubric/types.js";
import { isGitUrl, SubmissionError } from "../submission/git-source.js";
import { type CheckOptions, checkedDestination, progressFor, writeAndSay } from "./check-session.js";
import { type CommandIO, EXIT, traceTo, UsageError } from "./io.js";
import { loadRubricFor } from "./load-rubric.js";
import { commandText } from "./messages.js";
import { watchSubmission } from "./watch/watch.js";

export type { CheckOptions } from "./check-session.js";

/**
 * `dockgrade check`: grade one submission, print the report, write report.json and report.md; with
 * `--watch`, then grade again on every save. Every input is checked before grading starts.
 */
export async function checkCommand(
  options: CheckOptions,
  io: CommandIO,
): Promise<{ exitCode: number; report?: Report }> {
  if (options.watch && isGitUrl(options.source)) {
    throw new UsageError(commandText(options.lang, "watchNeedsFolder"));
  }
  if (options.watch && options.format !== "text") {
    throw new UsageError(commandText(options.lang, "watchNeedsText", { format: options.format }));
  }
  const rubric = await usableRubric(options, io);
  const destination = await checkedDestination(options);
  if (options.watch) {
    await watchSubmission({ ...options, rubric, registry, destination }, io);
    return { exitCode: EXIT.graded };
  }
  const progress = progressFor(options, rubric, io);
  let report: Report;
  try {
    report = await gradeSource(options.source, {
      rubric,
      registry,
      lang: options.lang,
      docker: options.docker,
      root: options.root,
      signal: options.signal,
      log: options.verbose ? traceTo(io, options.lang) : undefined,
      onCheckStart: (check) => progress.checkStarted(check),
      onCheck: (result) => progress.checkFinished(result),
      onBuildProgress: (event) => progress.build(event),
    });
  } catch (error) {
    if (error instanceof SubmissionError) throw new UsageError(error.text(options.lang));
    throw error;
  } finally {
    progress.end();
  }
  // Interrupted (Ctrl-C, SIGTERM): the checks still running were cut short, so the report would blame the
  // harness for them. Nothing is shown or written; the interrupt handler removes the run's objects and exits.
  if (options.signal?.aborted) return { exitCode: interruptedExitCode(options.signal.reason) };
  io.stdout(
    reporters[options.format](report, {
      color: options.color && options.format === "text",
      showHidden: options.showHidden,
    }),
  );
  await writeAndSay(report, destination, options.lang, io, options.showHidden);
  const below = options.minScore !== undefined && report.score < options.minScore;
  if (below) {
    io.stderr(
      `${commandText(options.lang, "belowMinScore", { score: report.score, min: options.minScore })}\n`,
    );
  }
  if (reportLostEngine(report)) {
    io.stderr(`${commandText(options.lang, "engineLost")}\n`);
    return { exitCode: EXIT.engineLost, report };
  }
  return { exitCode: below ? EXIT.belowMinScore : EXIT.graded, report };
}

async function usableRubric(options: CheckOptions, io: CommandIO): Promise<Rubric> {
  const loaded = await loadRubricFor(options.rubricDir, options.lang, io);
  if ("rubric" in loaded) return loaded.rubric;
  throw new UsageError(commandText(options.lang, "unusableRubric", { dir: options.rubricDir }));
}
