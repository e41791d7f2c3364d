import { realpath } from "node:fs/promises";
import path from "node:path";
import type { DockerBackend } from "../docker/backend.js";
import type { Lang } from "../i18n/text.js";
import { type CheckProgress, liveCheckProgress, plainCheckProgress } from "../progress/check-progress.js";
import type { Report } from "../report/schema.js";
import type { ReportFormat } from "../reporters/index.js";
import { submissionSlug, writeReport } from "../reporters/write-report.js";
import type { Rubric } from "../rubric/types.js";
import { isGitUrl } from "../submission/git-source.js";
import type { CommandIO } from "./io.js";
import { UsageError } from "./io.js";
import { commandText } from "./messages.js";
import { outDirMessage, prepareOutDir } from "./out-dir.js";
import { type Destination, reportDestination } from "./report-destination.js";

export interface CheckOptions {
  source: string;
  rubricDir: string;
  format: ReportFormat;
  lang: Lang;
  /** `--out DIR` (a string), `--no-out` (false), or neither (undefined: see reportDestination). */
  out?: string | false;
  minScore?: number;
  root?: string;
  color: boolean;
  showHidden: boolean;
  docker: DockerBackend;
  signal?: AbortSignal;
  /** A live progress view (a terminal) rather than plain lines (CI, pipes). */
  live?: boolean;
  /** The terminal's width, for the live view. */
  columns?: () => number;
  /** Also print the harness's own log lines (instructors, debugging). */
  verbose?: boolean;
  /** Grade again on every save (`--watch`). */
  watch?: boolean;
}

/** Where the reports go, checked before any grading: a folder that cannot be written is a usage error. */
export async function checkedDestination(options: CheckOptions): Promise<Destination> {
  const sourceDir = isGitUrl(options.source)
    ? undefined
    : await realpath(options.source).catch(() => undefined);
  const destination = reportDestination({ out: options.out, sourceDir, cwd: await realpath(process.cwd()) });
  if ("dir" in destination) {
    const problem = await prepareOutDir(destination.dir);
    if (problem) throw new UsageError(outDirMessage(problem, options.lang));
  }
  return destination;
}

/** The progress view for this run: live on a terminal, plain lines otherwise; always on stderr. */
export function progressFor(
  options: CheckOptions,
  rubric: Rubric,
  io: CommandIO,
  skip?: (id: string) => boolean,
): CheckProgress {
  const hidden = new Set(
    rubric.steps.flatMap((step) => step.checks.filter((c) => c.visibility === "hidden").map((c) => c.id)),
  );
  const view = { lang: options.lang, hidden, showHidden: options.showHidden, skip, columns: options.columns };
  // Once interrupted, the checks cut short are not shown: the run's report will not be either.
  const write = (text: string) => {
    if (!options.signal?.aborted) io.stderr(text);
  };
  return options.live ? liveCheckProgress(write, view) : plainCheckProgress(write, view);
}

/** The folder name reports of `source` get: a local `.` is named after the folder itself. */
export function reportSlug(report: Report): string {
  const { source, path: sub } = report.submission;
  const named = isGitUrl(source) ? source : path.basename(path.resolve(source));
  return submissionSlug(named, sub);
}

/** Writes report.json and report.md when there is a destination, and says where (or why not). */
export async function writeAndSay(
  report: Report,
  destination: Destination,
  lang: Lang,
  io: CommandIO,
  showHidden = false,
): Promise<void> {
  if ("none" in destination) {
    if (destination.none === "inside-submission") {
      io.stderr(`${commandText(lang, "reportNotWritten")}\n`);
    }
    return;
  }
  const written = await writeReport(report, path.resolve(destination.dir), {
    slug: reportSlug(report),
    showHidden,
  }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      commandText(lang, "reportWriteFailed", { dir: destination.dir, cause: error.code ?? error.message }),
    );
  });
  const shown = path.relative(process.cwd(), written.json) || written.json;
  io.stderr(`${commandText(lang, "reportWritten", { file: shown })}\n`);
}
