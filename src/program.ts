// Start-up: only commander and a few small modules load here. Each command imports what it uses when it
// runs, so `--version`, `rubric lint`, `rubric explain` and `render` never load the Docker client
// (testcontainers, dockerode, undici); cli-startup.test.ts checks it.
import { Command, InvalidArgumentError, Option } from "commander";
import { defaultJobs } from "./batch/jobs.js";
import { cliText, commandLineLang, localizeCommandLineError } from "./commands/cli-errors.js";
import { type CommandIO, EXIT, UsageError } from "./commands/io.js";
import type { DockerBackend } from "./docker/backend.js";
import { PULL_POLICIES, type PullPolicy } from "./docker/pull-policy.js";
import { installShutdownHandlers } from "./docker/shutdown.js";
import { detectLang, isLang, type Lang } from "./i18n/text.js";
import { bundledRubric, toolVersion } from "./package-info.js";
import { REPORT_FORMATS, type ReportFormat } from "./reporters/formats.js";

const io: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** The readers of option values, saying what they expected in the user's language. */
function argumentParsers(lang: Lang) {
  return {
    parseLang(value: string): Lang {
      if (!isLang(value)) throw new InvalidArgumentError(cliText(lang, "expectedLang"));
      return value;
    },
    parseScore(value: string): number {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(cliText(lang, "expectedNumber"));
      return n;
    },
    parseCount(value: string): number {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(cliText(lang, "expectedCount"));
      return n;
    },
  };
}

const EXIT_CODES_HELP = `
Exit codes:
  0  graded (whatever the score)
  1  graded, but the score is below --min-score
  2  nothing graded: a wrong option, an unusable rubric, a submission or output folder that cannot be used
  3  a bug in dockgrade (the message asks you to report it)
  130, 143  interrupted (Ctrl-C, SIGTERM); what was created in Docker is removed first`;

/** `--pull`: when the base images of the students' Dockerfiles are pulled. */
function pullOption(): Option {
  return new Option(
    "--pull <policy>",
    "base images: pull only the missing ones, always pull, or never pull (use what the engine holds)",
  )
    .choices(PULL_POLICIES)
    .default("missing");
}

/** The live progress views only on an interactive terminal; CI logs and pipes get plain lines. */
function wantsLiveProgress(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI && process.env.TERM !== "dumb";
}

/** Colours only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
function wantsColor(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(process.stdout.isTTY);
}

/** The real engine, loaded on first use only. */
async function realBackend(): Promise<DockerBackend> {
  return (await import("./docker/backend.js")).dockerBackend;
}

/** The engine grading uses (a test's, else the real one), pulling base images as `--pull` says. */
async function engineFor(backend: DockerBackend | undefined, pull: PullPolicy): Promise<DockerBackend> {
  const { withPullPolicy } = await import("./docker/backend.js");
  return withPullPolicy(backend ?? (await realBackend()), pull);
}

/**
 * `backend`: the engine grading uses (tests pass a fake one); default the real engine, loaded lazily.
 * `lang`: the language of the command line's own errors (see commandLineLang).
 */
export function buildProgram(backend?: DockerBackend, lang: Lang = detectLang()): Command {
  const { parseLang, parseScore, parseCount } = argumentParsers(lang);
  const program = new Command("dockgrade")
    .description("Grade Docker course submissions against a rubric, with real Docker")
    .version(toolVersion())
    .showHelpAfterError(cliText(lang, "helpHint"))
    .addHelpText("after", EXIT_CODES_HELP)
    .exitOverride();
  program.configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (message, write) => {
      const commands = program.commands.map((command) => command.name());
      write(`dockgrade: ${localizeCommandLineError(message, lang, commands)}\n`);
    },
  });

  program
    .command("check")
    .description("grade one submission (a folder or a git URL; default: the current folder)")
    .argument("[source]", "submission folder or git URL", ".")
    .option("--rubric <dir>", "rubric folder", bundledRubric())
    .addOption(new Option("--format <format>", "output format").choices(REPORT_FORMATS).default("text"))
    .option("--lang <lang>", "report language: fr or en (default: from LANG, else fr)", parseLang)
    .option(
      "--out <dir>",
      "folder for report.json and report.md (default: reports, but none when run inside the graded folder)",
    )
    .option("--no-out", "do not write report files")
    .option("--min-score <n>", "exit 1 when the score is below n", parseScore)
    .option(
      "--root <dir>",
      "submission root inside the repository (default: the folder holding the Dockerfile)",
    )
    .option("--show-hidden", "include hidden checks in the printed report (instructors)", false)
    .addOption(pullOption())
    .option("--watch", "after a first grading, grade again on every save what the change affects", false)
    .option("--verbose", "also print the harness's own log lines", false)
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (source: string, opts) => {
      // Interruption is handled by the shutdown handlers (they close the open Docker sessions).
      const { checkCommand } = await import("./commands/check.js");
      const { exitCode } = await checkCommand(
        {
          source,
          rubricDir: opts.rubric,
          format: opts.format as ReportFormat,
          lang: detectLang(opts.lang),
          out: opts.out,
          minScore: opts.minScore,
          root: opts.root,
          color: wantsColor(),
          showHidden: Boolean(opts.showHidden),
          docker: await engineFor(backend, opts.pull as PullPolicy),
          watch: Boolean(opts.watch),
          verbose: Boolean(opts.verbose),
          live: wantsLiveProgress(),
          columns: () => process.stderr.columns ?? 100,
        },
        io,
      );
      process.exitCode = exitCode;
    });

  program
    .command("classroom")
    .description("one GitHub Actions grading step: job log, job summary, step outputs, Classroom's points")
    .argument("[source]", "submission folder or git URL", ".")
    .option("--rubric <dir>", "rubric folder", bundledRubric())
    .option("--lang <lang>", "report language: fr or en (default: from LANG, else fr)", parseLang)
    .option("--out <dir>", "folder for report.json and report.md", "reports")
    .option("--no-out", "do not write report files")
    .option("--root <dir>", "submission root inside the repository")
    .action(async (source: string, opts) => {
      const { classroomCommand } = await import("./commands/classroom.js");
      process.exitCode = await classroomCommand(
        {
          source,
          rubricDir: opts.rubric,
          lang: detectLang(opts.lang),
          outDir: opts.out === false ? undefined : opts.out,
          root: opts.root,
          docker: backend ?? (await realBackend()),
          env: process.env,
        },
        io,
      );
    });

  const rubric = program.command("rubric").description("work with rubric folders");
  rubric
    .command("lint")
    .description("validate a rubric folder; every error names file:line:column and the field")
    .argument("[dir]", "rubric folder", bundledRubric())
    .option("--lang <lang>", "message language: fr or en", parseLang)
    .action(async (dir: string, opts) => {
      const { lintCommand } = await import("./commands/lint.js");
      process.exitCode = await lintCommand(dir, detectLang(opts.lang), io);
    });

  rubric
    .command("explain")
    .description("print the grading scheme (steps, checks, points) for students; hidden checks left out")
    .argument("[dir]", "rubric folder", bundledRubric())
    .option("--lang <lang>", "language: fr or en", parseLang)
    .action(async (dir: string, opts) => {
      const { explainCommand } = await import("./commands/explain.js");
      process.exitCode = await explainCommand(dir, detectLang(opts.lang), io);
    });

  program
    .command("render")
    .description("render a saved report.json in another format, without grading again")
    .argument("<report>", "a report.json written by dockgrade check")
    .addOption(new Option("--format <format>", "output format").choices(REPORT_FORMATS).default("md"))
    .option("--show-hidden", "include hidden checks", false)
    .option("--lang <lang>", "re-word the report in fr or en (default: the report's language)", parseLang)
    .option("--rubric <dir>", "the rubric the report was graded with (read with --lang)", bundledRubric())
    .action(async (file: string, opts) => {
      const { renderCommand } = await import("./commands/render.js");
      process.exitCode = await renderCommand(
        file,
        {
          format: opts.format as ReportFormat,
          color: wantsColor(),
          showHidden: Boolean(opts.showHidden),
          lang: opts.lang,
          rubricDir: opts.rubric,
        },
        io,
      );
    });

  program
    .command("batch")
    .description(
      "grade a whole class: a GitHub Classroom roster with a URL template, a file of git URLs, or a folder of submissions",
    )
    .argument("[folder]", "a folder whose sub-folders are submissions")
    .option("--roster <csv>", "GitHub Classroom roster (identifier, github_username, github_id, name, …)")
    .option(
      "--repo <template>",
      "repository URL template for --roster, e.g. https://github.com/ORG/lab-{github_username}.git",
    )
    .option("--urls <file>", "a text file with one git URL (or folder) per line")
    .option(
      "--deadline <date>",
      "grade the last commit at or before this date, e.g. 2026-12-01T23:59:00+01:00",
    )
    .option("--jobs <n>", "submissions in flight at once", parseCount, defaultJobs())
    .option(
      "--out <dir>",
      "output folder (a folder per student, grades.csv, summary.json, index.html)",
      "reports/batch",
    )
    .option("--shard <i/n>", "grade only slice i of n (merge the slices with dockgrade merge)")
    .option("--force", "grade again even the submissions whose content and rubric are unchanged", false)
    .option("--rubric <dir>", "rubric folder", bundledRubric())
    .option("--lang <lang>", "report language: fr or en (default: from LANG, else fr)", parseLang)
    .option(
      "--root <dir>",
      "submission root inside each repository (default: the folder holding the Dockerfile)",
    )
    .option("--base <source>", "starter code given to everyone (folder or git URL): left out of similarity")
    .option("--reference <dir>", "folder of published reports: a student text close to one is flagged")
    .option("--token-host <host...>", "hosts that receive the GITHUB_TOKEN/GH_TOKEN token", ["github.com"])
    .option("--clone-timeout <seconds>", "time limit of one clone", parseCount, 120)
    .option("--max-repo-mb <n>", "size limit of one cloned repository, in MB", parseCount, 500)
    .addOption(pullOption())
    .action(async (folder: string | undefined, opts) => {
      const { batchCommand } = await import("./commands/batch.js");
      process.exitCode = await batchCommand(
        {
          folder,
          roster: opts.roster,
          repo: opts.repo,
          urls: opts.urls,
          deadline: opts.deadline,
          jobs: opts.jobs,
          out: opts.out,
          shard: opts.shard,
          force: Boolean(opts.force),
          rubricDir: opts.rubric,
          lang: detectLang(opts.lang),
          root: opts.root,
          base: opts.base,
          reference: opts.reference,
          tokenHosts: opts.tokenHost,
          cloneTimeoutSeconds: opts.cloneTimeout,
          maxRepoMb: opts.maxRepoMb,
          live: wantsLiveProgress(),
          docker: await engineFor(backend, opts.pull as PullPolicy),
        },
        io,
      );
    });

  program
    .command("merge")
    .description("combine the output folders of a class's shards into one grades.csv, summary and dashboard")
    .argument("<dirs...>", "output folders of dockgrade batch --shard runs")
    .requiredOption("--out <dir>", "folder for the merged class output")
    .option("--lang <lang>", "message language: fr or en", parseLang)
    .option("--rubric <dir>", "rubric folder (only read with --base)", bundledRubric())
    .option("--base <source>", "starter code given to everyone: left out of similarity")
    .option("--reference <dir>", "folder of published reports to compare with")
    .action(async (dirs: string[], opts) => {
      const { mergeCommand } = await import("./commands/merge.js");
      process.exitCode = await mergeCommand(
        {
          dirs,
          out: opts.out,
          lang: detectLang(opts.lang),
          rubricDir: opts.rubric,
          base: opts.base,
          reference: opts.reference,
        },
        io,
      );
    });

  program
    .command("gc")
    .description(
      "remove what dead dockgrade runs left (containers, images, volumes, networks, temporary folders); a live run is never touched",
    )
    .option("--older-than <minutes>", "only resources older than this", parseScore)
    .option(
      "--unowned-older-than <minutes>",
      "resources whose run cannot be traced to a process (another machine, older versions): removed past this age",
      parseScore,
      1440,
    )
    .option("--run <id>", "only the resources of this run (removed even if its process still runs)")
    .action(async (opts) => {
      const { gcCommand } = await import("./commands/gc.js");
      process.exitCode = await gcCommand(
        { olderThanMinutes: opts.olderThan, unownedOlderThanMinutes: opts.unownedOlderThan, runId: opts.run },
        io,
      );
    });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // Ctrl-C or SIGTERM removes the containers, images, volumes and networks of the runs in progress.
  const uninstall = installShutdownHandlers();
  try {
    await buildProgram(undefined, commandLineLang(argv.slice(2))).parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") {
      process.exitCode = EXIT.graded;
    } else if (code?.startsWith("commander.")) {
      process.exitCode = EXIT.usage;
    } else if (error instanceof UsageError) {
      io.stderr(`dockgrade: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      io.stderr(
        `dockgrade: internal error — this is a bug in dockgrade, not in the submission. Please report it with:\n${
          (error as Error).stack ?? String(error)
        }\n`,
      );
      process.exitCode = EXIT.internal;
    }
  } finally {
    uninstall();
  }
}
