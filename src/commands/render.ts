import { readFile } from "node:fs/promises";
import { registry } from "../../graders/index.js";
import { rerenderReport } from "../engine/rerender.js";
import type { Lang } from "../i18n/text.js";
import type { Report } from "../report/schema.js";
import { reportErrors } from "../report/validate.js";
import { type ReportFormat, reporters } from "../reporters/index.js";
import { type CommandIO, EXIT, UsageError } from "./io.js";
import { loadRubricFor } from "./load-rubric.js";
import { commandText } from "./messages.js";

export interface RenderCommandOptions {
  format: ReportFormat;
  color: boolean;
  showHidden: boolean;
  /** Re-word the report in this language (its findings keep their message ids and data). */
  lang?: Lang;
  /** The rubric the report was graded with, for titles and feedback in `lang`. */
  rubricDir: string;
  /** The language of this command's own errors: `lang` when given, else the command line's. */
  messageLang: Lang;
}

/**
 * `dockgrade render report.json --format md [--lang en]`: any format from a saved JSON report, without
 * grading again (a CI job summary, a Classroom result, a teacher's Markdown from a batch's JSON files),
 * in the report's language or re-worded in the other one.
 */
export async function renderCommand(
  file: string,
  options: RenderCommandOptions,
  io: CommandIO,
): Promise<number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(
      commandText(options.messageLang, "reportUnreadable", { file, cause: (error as Error).message }),
    );
  }
  const errors = reportErrors(parsed);
  if (errors.length > 0)
    throw new UsageError(
      commandText(options.messageLang, "reportOtherVersion", {
        file,
        problems: errors.slice(0, 5).join("\n  "),
      }),
    );
  let report = parsed as Report;
  if (options.lang && options.lang !== report.lang) report = await translated(file, report, options, io);
  io.stdout(reporters[options.format](report, { color: options.color, showHidden: options.showHidden }));
  return EXIT.graded;
}

async function translated(file: string, report: Report, options: RenderCommandOptions, io: CommandIO) {
  const lang = options.lang as Lang;
  const loaded = await loadRubricFor(options.rubricDir, lang, io);
  if (!("rubric" in loaded))
    throw new UsageError(commandText(lang, "unusableRubric", { dir: options.rubricDir }));
  const result = rerenderReport(report, { lang, rubric: loaded.rubric, registry });
  if (!result.ok) {
    // Said in the language it names.
    const language = lang === "fr" ? "français" : "English";
    throw new UsageError(
      commandText(lang, "reportNotReworded", { file, language, problems: result.problems.join("\n  ") }),
    );
  }
  return result.report;
}
