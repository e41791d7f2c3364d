import { appendFile } from "node:fs/promises";
import path from "node:path";
import type { DockerBackend } from "../docker/backend.js";
import { interruptedExitCode } from "../docker/shutdown.js";
import type { Lang } from "../i18n/text.js";
import type { Report } from "../report/schema.js";
import { renderClassroom } from "../reporters/classroom.js";
import { renderGithubLog } from "../reporters/github.js";
import { gradingBlockers, stoppedReason } from "../reporters/grading-blockers.js";
import { renderMarkdown } from "../reporters/markdown.js";
import { inertLines, newStopToken, workflowCommand } from "../reporters/workflow-commands.js";
import { checkCommand } from "./check.js";
import { reportSlug } from "./check-session.js";
import { type CommandIO, EXIT, UsageError } from "./io.js";

export interface ClassroomOptions {
  source: string;
  rubricDir: string;
  lang: Lang;
  root?: string;
  outDir?: string;
  docker: DockerBackend;
  /** The Actions environment: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, GITHUB_REPOSITORY. */
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/**
 * `dockgrade classroom`: one grading step of a GitHub Actions job. Grades like `check`, prints the job
 * log (every check with points and feedback, annotations, the total and Classroom's points notices),
 * appends the Markdown report to the job summary and writes the step outputs. A run that could not grade
 * prints why, records no grade (no notices) and exits non-zero, so the job fails.
 */
export async function classroomCommand(options: ClassroomOptions, io: CommandIO): Promise<number> {
  const token = newStopToken();
  const env = options.env;
  // Grading progress (build output included) runs with workflow commands off.
  io.stderr(`::add-mask::${token}\n${maskCredentials(options.source)}::stop-commands::${token}\n`);
  let outcome: { report: Report } | { kind: "usage" | "internal"; detail: string; exitCode: number };
  try {
    const { report } = await checkCommand(
      {
        source: options.source,
        rubricDir: options.rubricDir,
        format: "json",
        lang: options.lang,
        out: options.outDir ?? false,
        root: options.root,
        color: false,
        showHidden: false,
        docker: options.docker,
        signal: options.signal,
      },
      { stdout: () => {}, stderr: (text) => io.stderr(indent(text)) },
    );
    outcome = report ? { report } : { kind: "internal", detail: "no report", exitCode: EXIT.internal };
  } catch (error) {
    const usage = error instanceof UsageError;
    io.stderr(indent(`${usage ? error.message : ((error as Error).stack ?? String(error))}\n`));
    outcome = {
      kind: usage ? "usage" : "internal",
      detail: ((error as Error).message ?? String(error)).split("\n")[0] ?? "",
      exitCode: usage ? error.exitCode : EXIT.internal,
    };
  }
  io.stderr(`::${token}::\n`);
  // Cancelled (the workflow's cancel sends SIGINT, then SIGTERM): no grade is given for a cut-short run.
  if (options.signal?.aborted) return interruptedExitCode(options.signal.reason);

  if (!("report" in outcome)) {
    const reason = stoppedReason(options.lang, outcome.kind, outcome.detail);
    io.stdout(`${workflowCommand("error", { title: notGraded[options.lang] }, reason)}\n`);
    await appendSummary(env, `> ⚠️ **${notGraded[options.lang]}** — ${markdownText(reason)}\n`);
    await writeOutputs(env, { graded: "false" });
    return outcome.exitCode;
  }
  const report = shownAs(outcome.report, env);
  io.stdout(renderGithubLog(report, { stopToken: token, pathPrefix: pathPrefix(options.source, env) }));
  const blockers = gradingBlockers(report);
  const banner = blockers.map((reason) => `> ⚠️ **${notGraded[report.lang]}** — ${markdownText(reason)}\n>\n`);
  await appendSummary(env, `${banner.join("")}${banner.length ? "\n" : ""}${renderMarkdown(report)}`);
  if (blockers.length > 0) {
    await writeOutputs(env, { graded: "false" });
    return EXIT.usage;
  }
  await writeOutputs(env, {
    graded: "true",
    score: String(report.score),
    "max-score": String(report.maxScore),
    result: Buffer.from(renderClassroom(report)).toString("base64"),
    ...(options.outDir ? { report: reportPath(options.outDir, outcome.report) } : {}),
  });
  return EXIT.graded;
}

/** Where `check` wrote report.json (`writeReport`'s folder for this submission). */
function reportPath(outDir: string, report: Report): string {
  return path.resolve(outDir, reportSlug(report), "report.json");
}

/** The summary names the repository (`org/student-repo`), not `.`. */
function shownAs(report: Report, env: ClassroomOptions["env"]): Report {
  const repo = env.GITHUB_REPOSITORY;
  if (!repo || isRemote(report.submission.source)) return report;
  return { ...report, submission: { ...report.submission, source: repo } };
}

/** Where the graded folder sits in the checkout, so annotations point at the right file. */
function pathPrefix(source: string, env: ClassroomOptions["env"]): string {
  if (isRemote(source)) return "";
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const rel = path.relative(workspace, path.resolve(source));
  return rel.startsWith("..") || path.isAbsolute(rel) ? "" : rel;
}

function isRemote(source: string): boolean {
  return /^(https?|ssh|git):\/\/|^[\w.-]+@[\w.-]+:/.test(source);
}

/** A password in a git URL is a value the action knows: mask it before anything prints it. */
function maskCredentials(source: string): string {
  try {
    const url = new URL(source);
    return url.password ? `::add-mask::${decodeURIComponent(url.password)}\n` : "";
  } catch {
    return "";
  }
}

/** Grading progress and errors: quoted line by line, so none of it can ever read as a command. */
function indent(text: string): string {
  return text.trim() === "" ? "" : `${inertLines(text.trimEnd(), "  │ ")}\n`;
}

function markdownText(text: string): string {
  return text.replace(/[<>|]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "|": "\\|" })[c] ?? c);
}

async function appendSummary(env: ClassroomOptions["env"], markdown: string): Promise<void> {
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}

/** Step outputs, one `name=value` line each (values are numbers, base64, paths or booleans: one line). */
async function writeOutputs(env: ClassroomOptions["env"], outputs: Record<string, string>): Promise<void> {
  if (!env.GITHUB_OUTPUT) return;
  const lines = Object.entries(outputs).map(([key, value]) => `${key}=${value.replace(/[\r\n]/g, " ")}`);
  await appendFile(env.GITHUB_OUTPUT, `${lines.join("\n")}\n`);
}

const notGraded = { en: "Not graded", fr: "Non noté" } as const;
