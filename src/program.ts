// Start-up: only commander and a few small modules load here. Each command imports what it uses when it
// runs, so `--version`, `rubric lint`, `rubric explain` and `render` never load the Docker client
// (testcontainers, dockerode); cli-startup.test.ts checks it.
import { Command, InvalidArgumentError, Option } from "commander";
import { defaultJobs } from "./batch/jobs.js";
import { cliText, commandLineLang, localizeCommandLineError } from "./commands/cli-errors.js";
import { type HelpTextId, helpText, localizedHelp } from "./commands/help-text.js";
import { type CommandIO, EXIT, UsageError } from "./commands/io.js";
import { commandText } from "./commands/messages.js";
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

/** `--pull`: when the base images of the students' Dockerfiles are pulled. */
function pullOption(lang: Lang): Option {
  return new Option("--pull <policy>", helpText(lang, "pull")).choices(PULL_POLICIES).default("missing");
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
 * `lang`: the language of the command line's own errors and of its help (see commandLineLang).
 */
export function buildProgram(
  backend?: DockerBackend,
  lang: Lang = detectLang(),
  interrupted?: AbortSignal,
): Command {
  const { parseLang, parseScore, parseCount } = argumentParsers(lang);
  const t = (id: HelpTextId) => helpText(lang, id);
  // Set before the commands are added: each command inherits the help's language from the program.
  const program = new Command("dockgrade")
    .description(t("program"))
    .version(toolVersion(), "-V, --version", t("versionOption"))
    .helpOption("-h, --help", t("helpOption"))
    .helpCommand(`help ${t("helpCommandArgument")}`, t("helpCommand"))
    .configureHelp(localizedHelp(lang))
    .showHelpAfterError(cliText(lang, "helpHint"))
    .addHelpText("after", t("exitCodes"))
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
    .description(t("check"))
    .argument("[source]", t("submissionArgument"), ".")
    .option("--rubric <dir>", t("rubricFolder"), bundledRubric())
    .addOption(new Option("--format <format>", t("format")).choices(REPORT_FORMATS).default("text"))
    .option("--lang <lang>", t("reportLang"), parseLang)
    .option("--out <dir>", t("checkOut"))
    .option("--no-out", t("noOut"))
    .option("--min-score <n>", t("minScore"), parseScore)
    .option("--root <dir>", t("checkRoot"))
    .option("--show-hidden", t("checkShowHidden"), false)
    .addOption(pullOption(lang))
    .option("--watch", t("watch"), false)
    .option("--verbose", t("verbose"), false)
    .addHelpText("after", t("exitCodes"))
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
          signal: interrupted,
        },
        io,
      );
      process.exitCode = exitCode;
    });

  program
    .command("classroom")
    .description(t("classroom"))
    .argument("[source]", t("submissionArgument"), ".")
    .option("--rubric <dir>", t("rubricFolder"), bundledRubric())
    .option("--lang <lang>", t("reportLang"), parseLang)
    .option("--out <dir>", t("reportOut"), "reports")
    .option("--no-out", t("noOut"))
    .option("--root <dir>", t("classroomRoot"))
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
          signal: interrupted,
        },
        io,
      );
    });

  const rubric = program.command("rubric").description(t("rubric"));
  rubric
    .command("lint")
    .description(t("rubricLint"))
    .argument("[dir]", t("rubricFolder"), bundledRubric())
    .option("--lang <lang>", t("messageLang"), parseLang)
    .action(async (dir: string, opts) => {
      const { lintCommand } = await import("./commands/lint.js");
      process.exitCode = await lintCommand(dir, detectLang(opts.lang), io);
    });

  rubric
    .command("explain")
    .description(t("rubricExplain"))
    .argument("[dir]", t("rubricFolder"), bundledRubric())
    .option("--lang <lang>", t("explainLang"), parseLang)
    .action(async (dir: string, opts) => {
      const { explainCommand } = await import("./commands/explain.js");
      process.exitCode = await explainCommand(dir, detectLang(opts.lang), io);
    });

  program
    .command("render")
    .description(t("render"))
    .argument("<report>", t("reportArgument"))
    .addOption(new Option("--format <format>", t("format")).choices(REPORT_FORMATS).default("md"))
    .option("--show-hidden", t("renderShowHidden"), false)
    .option("--lang <lang>", t("renderLang"), parseLang)
    .option("--rubric <dir>", t("renderRubric"), bundledRubric())
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
          messageLang: opts.lang ?? lang,
        },
        io,
      );
    });

  program
    .command("batch")
    .description(t("batch"))
    .argument("[folder]", t("batchFolderArgument"))
    .option("--roster <csv>", t("roster"))
    .option("--repo <template>", t("repoTemplate"))
    .option("--urls <file>", t("urls"))
    .option("--deadline <date>", t("deadline"))
    .option("--jobs <n>", t("jobs"), parseCount, defaultJobs())
    .option("--out <dir>", t("batchOut"), "reports/batch")
    .option("--shard <i/n>", t("shard"))
    .option("--force", t("force"), false)
    .option("--rubric <dir>", t("rubricFolder"), bundledRubric())
    .option("--lang <lang>", t("reportLang"), parseLang)
    .option("--root <dir>", t("batchRoot"))
    .option("--base <source>", t("batchBase"))
    .option("--reference <dir>", t("batchReference"))
    .option("--token-host <host...>", t("tokenHost"), ["github.com"])
    .option("--clone-timeout <seconds>", t("cloneTimeout"), parseCount, 120)
    .option("--max-repo-mb <n>", t("maxRepoMb"), parseCount, 500)
    .addOption(pullOption(lang))
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
          signal: interrupted,
        },
        io,
      );
    });

  program
    .command("merge")
    .description(t("merge"))
    .argument("<dirs...>", t("mergeFoldersArgument"))
    .requiredOption("--out <dir>", t("mergeOut"))
    .option("--lang <lang>", t("messageLang"), parseLang)
    .option("--rubric <dir>", t("mergeRubric"), bundledRubric())
    .option("--base <source>", t("mergeBase"))
    .option("--reference <dir>", t("mergeReference"))
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
    .description(t("gc"))
    .option("--older-than <minutes>", t("olderThan"), parseScore)
    .option("--unowned-older-than <minutes>", t("unownedOlderThan"), parseScore, 1440)
    .option("--run <id>", t("gcRun"))
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
  const lang = commandLineLang(argv.slice(2));
  // Ctrl-C or SIGTERM removes the containers, images, volumes and networks of the runs in progress; what
  // was being graded then is neither shown nor recorded.
  const interrupted = new AbortController();
  const uninstall = installShutdownHandlers({
    interrupted,
    tell: (event) =>
      io.stderr(
        `dockgrade: ${
          event.kind === "closing"
            ? commandText(lang, "interrupted")
            : commandText(lang, "interruptedLeftovers")
        }\n`,
      ),
  });
  // A reader that stops early (`dockgrade --help | head`) closes the pipe: the rest of the output has
  // nowhere to go, which is no reason to crash (a run still finishes and cleans up).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  try {
    await buildProgram(undefined, lang, interrupted.signal).parseAsync(argv);
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
      const details = (error as Error).stack ?? String(error);
      io.stderr(`dockgrade: ${commandText(lang, "internalError")}\n${details}\n`);
      process.exitCode = EXIT.internal;
    }
  } finally {
    uninstall();
  }
}
