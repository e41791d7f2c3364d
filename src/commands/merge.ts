import path from "node:path";
import { InputError } from "../batch/inputs.js";
import { mergeShards } from "../batch/merge.js";
import { batchText } from "../batch/messages.js";
import { loadSimilaritySources } from "../batch/similarity-sources.js";
import type { Lang } from "../i18n/text.js";
import { takeClassOutDir } from "./class-out.js";
import { type CommandIO, EXIT, UsageError } from "./io.js";
import { loadRubricFor } from "./load-rubric.js";
import { commandText } from "./messages.js";
import { outDirMessage, prepareOutDir } from "./out-dir.js";
import { shownPath } from "./shown-path.js";

export interface MergeCommandOptions {
  dirs: string[];
  out: string;
  lang: Lang;
  rubricDir: string;
  base?: string;
  reference?: string;
}

/** `dockgrade merge`: one class output from the output folders of its shards. */
export async function mergeCommand(options: MergeCommandOptions, io: CommandIO): Promise<number> {
  const outProblem = await prepareOutDir(options.out);
  if (outProblem) throw new UsageError(outDirMessage(outProblem, options.lang));
  const release = takeClassOutDir(path.resolve(options.out), "merge", options.lang, io);
  try {
    let similarity = {};
    if (options.base !== undefined || options.reference !== undefined) {
      const loaded = await loadRubricFor(options.rubricDir, options.lang, io);
      if (!("rubric" in loaded))
        throw new UsageError(commandText(options.lang, "unusableRubric", { dir: options.rubricDir }));
      similarity = await loadSimilaritySources({ ...options, rubric: loaded.rubric });
    }
    const { summary, missing } = await mergeShards({
      dirs: options.dirs,
      outDir: options.out,
      lang: options.lang,
      ...similarity,
    });
    const lang = summary.lang;
    if (missing.length > 0) io.stderr(`${batchText(lang, "mergeMissing", { ids: missing.join(", ") })}\n`);
    const relative = shownPath(path.resolve(options.out));
    io.stderr(
      `${batchText(lang, "merged", {
        dirs: options.dirs.length,
        count: summary.stats.count,
        graded: summary.stats.graded,
        errors: summary.stats.errors,
        files: ["grades.csv", "summary.json", "index.html"].map((f) => path.join(relative, f)).join(", "),
      })}\n`,
    );
    return EXIT.graded;
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message);
    throw error;
  } finally {
    release();
  }
}
