import path from "node:path";
import { registry } from "../../graders/index.js";
import {
  type ClassList,
  InputError,
  readRoster,
  readSubmissionFolder,
  readUrlList,
} from "../batch/inputs.js";
import { batchText } from "../batch/messages.js";
import { type BatchProgress, liveProgress, plainProgress } from "../batch/progress.js";
import { defaultDockerJobs, runBatch } from "../batch/run.js";
import { parseShard } from "../batch/shard.js";
import { loadSimilaritySources } from "../batch/similarity-sources.js";
import type { DockerBackend } from "../docker/backend.js";
import type { Lang } from "../i18n/text.js";
import { takeClassOutDir } from "./class-out.js";
import { type CommandIO, EXIT, UsageError } from "./io.js";
import { loadRubricFor, rubricRequiresDocker } from "./load-rubric.js";
import { commandText } from "./messages.js";
import { outDirMessage, prepareOutDir } from "./out-dir.js";
import { shownPath } from "./shown-path.js";

export interface BatchCommandOptions {
  folder?: string;
  roster?: string;
  repo?: string;
  urls?: string;
  deadline?: string;
  jobs: number;
  out: string;
  shard?: string;
  force: boolean;
  rubricDir: string;
  lang: Lang;
  root?: string;
  base?: string;
  reference?: string;
  tokenHosts: string[];
  cloneTimeoutSeconds: number;
  maxRepoMb: number;
  live: boolean;
  docker: DockerBackend;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** `dockgrade batch`: grade a whole class into one folder (reports, grades.csv, summary.json, index.html). */
export async function batchCommand(options: BatchCommandOptions, io: CommandIO): Promise<number> {
  const { lang } = options;
  const env = options.env ?? process.env;
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  if (options.shard !== undefined && !shard)
    throw new UsageError(batchText(lang, "badShard", { value: options.shard }));
  const deadline = options.deadline === undefined ? undefined : parseDeadline(options.deadline, lang);
  const loaded = await loadRubricFor(options.rubricDir, lang, io);
  if (!("rubric" in loaded)) {
    throw new UsageError(commandText(lang, "unusableRubric", { dir: options.rubricDir }));
  }
  const { rubric } = loaded;
  const outProblem = await prepareOutDir(options.out);
  if (outProblem) throw new UsageError(outDirMessage(outProblem, lang));
  const outDir = path.resolve(options.out);
  const release = takeClassOutDir(outDir, "batch", lang, io);
  const tokenVariable = env.GITHUB_TOKEN ? "GITHUB_TOKEN" : env.GH_TOKEN ? "GH_TOKEN" : undefined;
  const clone = {
    ...(deadline ? { deadline } : {}),
    ...(tokenVariable ? { token: env[tokenVariable], tokenHosts: options.tokenHosts } : {}),
    timeoutMs: options.cloneTimeoutSeconds * 1000,
    maxBytes: options.maxRepoMb * 1024 * 1024,
  };
  try {
    const list = await readClassList(options, lang);
    const similarity = await loadSimilaritySources({
      base: options.base,
      reference: options.reference,
      rubric,
    });
    if (tokenVariable) {
      io.stderr(
        `${batchText(lang, "tokenUsed", { variable: tokenVariable, hosts: options.tokenHosts.join(", ") })}\n`,
      );
    }
    const dockerJobs = defaultDockerJobs(options.jobs);
    const progress: BatchProgress = options.live
      ? liveProgress(lang, io.stderr, {
          concurrency: dockerJobs,
          columns: () => process.stderr.columns ?? 100,
        })
      : plainProgress(lang, io.stderr);
    const summary = await runBatch({
      list,
      rubric,
      registry,
      lang,
      outDir,
      jobs: options.jobs,
      dockerJobs,
      shard,
      force: options.force,
      root: options.root,
      clone,
      docker: options.docker,
      requiresDocker: rubricRequiresDocker(rubric),
      ...similarity,
      progress,
      signal: options.signal,
    });
    const relative = shownPath(outDir);
    io.stderr(
      `${batchText(lang, "finished", {
        graded: summary.stats.graded,
        count: summary.stats.count,
        reused: summary.submissions.filter((row) => row.reused).length,
        errors: summary.stats.errors,
        mean: summary.stats.mean ?? "-",
        max: summary.rubric.maxScore,
        files: ["grades.csv", "summary.json", "index.html"].map((f) => path.join(relative, f)).join(", "),
      })}\n`,
    );
    if (summary.similarity.length > 0)
      io.stderr(`${batchText(lang, "similarFound", { pairs: summary.similarity.length })}\n`);
    return EXIT.graded;
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message);
    throw error;
  } finally {
    release();
  }
}

async function readClassList(options: BatchCommandOptions, lang: Lang): Promise<ClassList> {
  const given = [options.roster, options.urls, options.folder].filter((v) => v !== undefined);
  if (given.length !== 1) throw new InputError(batchText(lang, "oneInput"));
  if (options.roster !== undefined) {
    if (!options.repo) throw new InputError(batchText(lang, "rosterNeedsTemplate"));
    return readRoster(options.roster, options.repo, lang);
  }
  if (options.urls !== undefined) return readUrlList(options.urls, lang);
  return readSubmissionFolder(options.folder as string, lang);
}

/** An ISO 8601 date and time with an explicit time zone (a deadline without one is ambiguous). */
export function parseDeadline(value: string, lang: Lang): Date {
  const date = new Date(value);
  if (
    !/\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim()) ||
    Number.isNaN(date.getTime())
  )
    throw new UsageError(batchText(lang, "badDeadline", { value }));
  return date;
}
