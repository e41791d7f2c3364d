import type { Lang } from "../i18n/text.js";
import { displayPath } from "../rubric/format.js";
import { type CommandIO, EXIT } from "./io.js";
import { loadRubricFor } from "./load-rubric.js";
import { commandText } from "./messages.js";

/** `dockgrade rubric lint DIR`: every problem with file:line:column, exit 2 when there is any. */
export async function lintCommand(dir: string, lang: Lang, io: CommandIO): Promise<number> {
  const loaded = await loadRubricFor(dir, lang, io);
  if (!("rubric" in loaded)) {
    const count = loaded.problems;
    io.stderr(`${commandText(lang, "lintProblems", { count })}\n`);
    return EXIT.usage;
  }
  const { rubric } = loaded;
  const checks = rubric.steps.reduce((n, step) => n + step.checks.length, 0);
  const data = {
    dir: displayPath(rubric.dir),
    steps: rubric.steps.length,
    checks,
    points: rubric.assignment.totalPoints,
  };
  io.stdout(`${commandText(lang, "lintValid", data)}\n`);
  return EXIT.graded;
}
