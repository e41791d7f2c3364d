import { readFile } from "node:fs/promises";
import type { Report } from "../report/schema.js";
import { reportErrors } from "../report/validate.js";
import { type ReportFormat, reporters } from "../reporters/index.js";
import { type CommandIO, EXIT, UsageError } from "./io.js";

/**
 * `dockgrade render report.json --format md`: any format from a saved JSON report, without grading again
 * (a CI job summary, a Classroom result, a teacher's Markdown from a batch's JSON files).
 */
export async function renderCommand(
  file: string,
  options: { format: ReportFormat; color: boolean; showHidden: boolean },
  io: CommandIO,
): Promise<number> {
  let report: unknown;
  try {
    report = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file}: not a readable JSON report (${(error as Error).message})`);
  }
  const errors = reportErrors(report);
  if (errors.length > 0)
    throw new UsageError(
      `${file}: not a dockgrade report of this version:\n  ${errors.slice(0, 5).join("\n  ")}`,
    );
  io.stdout(
    reporters[options.format](report as Report, { color: options.color, showHidden: options.showHidden }),
  );
  return EXIT.graded;
}
