import { readFile } from "node:fs/promises";
import { registry } from "../../graders/index.js";
import { rerenderReport } from "../engine/rerender.js";
import type { Lang } from "../i18n/text.js";
import type { Report } from "../report/schema.js";
import { type ReportProblem, reportProblems } from "../report/validate.js";
import { type ReportFormat, reporters } from "../reporters/index.js";
import { typeInWords } from "../rubric/format.js";
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
  const lang = options.messageLang;
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    const id =
      error.code === "ENOENT" ? "reportMissing" : error.code === "EISDIR" ? "reportFolder" : undefined;
    throw new UsageError(
      commandText(lang, id ?? "reportUnreadable", { file, cause: error.code ?? error.message }),
    );
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(commandText(lang, "reportNotJson", { file, detail: (error as Error).message }));
  }
  const problems = reportProblems(parsed);
  if (problems.length > 0) throw new UsageError(notReadable(file, problems, lang));
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

/** Why `file` cannot be rendered, in words: not a report, another format, or its first damaged fields. */
function notReadable(file: string, problems: ReportProblem[], lang: Lang): string {
  const [first] = problems;
  if (first?.kind === "notReport") return commandText(lang, "reportNotReport", { file });
  if (first?.kind === "otherVersion")
    return commandText(lang, "reportOtherVersion", { file, found: first.found, reads: first.reads });
  const shown = problems.slice(0, 5).map((problem) => {
    const where = "where" in problem && problem.where ? problem.where : commandText(lang, "reportWholeFile");
    if (problem.kind === "missing") return commandText(lang, "reportFieldMissing", { where });
    if (problem.kind === "wrongType")
      return commandText(lang, "reportFieldType", { where, expected: typeInWords(problem.expected, lang) });
    return commandText(lang, "reportFieldInvalid", { where });
  });
  if (problems.length > 5) shown.push(commandText(lang, "reportMore", { count: problems.length - 5 }));
  return commandText(lang, "reportDamaged", { file, problems: shown.join("\n  ") });
}
