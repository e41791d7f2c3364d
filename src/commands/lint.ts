import type { Lang } from "../i18n/text.js";
import { displayPath } from "../rubric/format.js";
import { type CommandIO, EXIT } from "./io.js";
import { loadRubricFor } from "./load-rubric.js";

/** `dockgrade rubric lint DIR`: every problem with file:line:column, exit 2 when there is any. */
export async function lintCommand(dir: string, lang: Lang, io: CommandIO): Promise<number> {
  const loaded = await loadRubricFor(dir, lang, io);
  if (!("rubric" in loaded)) {
    const count = loaded.problems;
    io.stderr(
      lang === "fr" ? `${count} problème(s) dans le barème.\n` : `${count} problem(s) in the rubric.\n`,
    );
    return EXIT.usage;
  }
  const { rubric } = loaded;
  const checks = rubric.steps.reduce((n, step) => n + step.checks.length, 0);
  io.stdout(
    lang === "fr"
      ? `${displayPath(rubric.dir)} : barème valide (${rubric.steps.length} étapes, ${checks} vérifications, ${rubric.assignment.totalPoints} points).\n`
      : `${displayPath(rubric.dir)}: rubric is valid (${rubric.steps.length} steps, ${checks} checks, ${rubric.assignment.totalPoints} points).\n`,
  );
  return EXIT.graded;
}
