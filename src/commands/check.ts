import path from "node:path";
import { type DockerBackend, gradeSource } from "../engine/grade-source.js";
import type { Lang } from "../i18n/text.js";
import type { Report } from "../report/schema.js";
import { writeReport } from "../report/write.js";
import { type ReportFormat, reporters } from "../reporters/index.js";
import { SubmissionError } from "../submission/git-source.js";
import { type CommandIO, EXIT, UsageError } from "./io.js";
import { loadRubricFor } from "./load-rubric.js";
import { commandText } from "./messages.js";

export interface CheckOptions {
  source: string;
  rubricDir: string;
  format: ReportFormat;
  lang: Lang;
  outDir?: string;
  minScore?: number;
  root?: string;
  color: boolean;
  showHidden: boolean;
  docker: DockerBackend;
  signal?: AbortSignal;
}

/** `dockgrade check`: grade one submission, print the report, write report.json and report.md. */
export async function checkCommand(
  options: CheckOptions,
  io: CommandIO,
): Promise<{ exitCode: number; report?: Report }> {
  const loaded = await loadRubricFor(options.rubricDir, options.lang, io);
  if (!("rubric" in loaded)) {
    throw new UsageError(commandText(options.lang, "unusableRubric", { dir: options.rubricDir }));
  }
  const { rubric } = loaded;
  const log = (line: string) => io.stderr(`  … ${line}\n`);
  let report: Report;
  try {
    report = await gradeSource(options.source, {
      rubric,
      lang: options.lang,
      docker: options.docker,
      root: options.root,
      signal: options.signal,
      log,
    });
  } catch (error) {
    if (error instanceof SubmissionError) throw new UsageError(error.message);
    throw error;
  }
  const render = reporters[options.format];
  io.stdout(
    render(report, { color: options.color && options.format === "text", showHidden: options.showHidden }),
  );
  if (options.outDir) {
    const written = await writeReport(report, path.resolve(options.outDir), {
      showHidden: options.showHidden,
    });
    io.stderr(
      `${commandText(options.lang, "reportWritten", { file: path.relative(process.cwd(), written.json) || written.json })}\n`,
    );
  }
  const below = options.minScore !== undefined && report.score < options.minScore;
  if (below) {
    io.stderr(
      `${commandText(options.lang, "belowMinScore", { score: report.score, min: options.minScore })}\n`,
    );
  }
  return { exitCode: below ? EXIT.belowMinScore : EXIT.graded, report };
}
