import { pythonOptions } from "../../src/analysis/server-options.js";
import {
  basename,
  type SimpleCommand,
  shellScript,
  splitShellScript,
} from "../../src/analysis/shell-command.js";
import type { DfInstruction } from "../../src/dockerfile/parse.js";

/** One `pip install` found in a RUN (`pip`, `pip3`, `pip3.12`, `python -m pip`, a venv's `/venv/bin/pip`). */
export interface PipInstall {
  /** Position in the lineage's steps. */
  index: number;
  step: DfInstruction;
  /** The pip command as words, for messages. */
  command: string;
  /** Every `-r`/`--requirement` file. */
  requirements: string[];
  noCacheDir: boolean;
  /** `PIP_NO_CACHE_DIR=1 pip install ...`: variables set for this command only. */
  assignments: Record<string, string>;
}

/** The `pip install` commands of the given steps, in order. */
export function pipInstalls(steps: readonly DfInstruction[]): PipInstall[] {
  const found: PipInstall[] = [];
  steps.forEach((step, index) => {
    if (step.keyword !== "RUN") return;
    for (const command of runCommands(step)) {
      const args = pipInstallArgs(command.argv);
      if (!args) continue;
      found.push({
        index,
        step,
        command: command.argv.join(" "),
        requirements: requirementFiles(args),
        noCacheDir: command.argv.some((w) => w === "--no-cache-dir" || w.startsWith("--no-cache-dir=")),
        assignments: command.assignments,
      });
    }
  });
  return found;
}

function runCommands(step: DfInstruction): SimpleCommand[] {
  if (step.exec) {
    const script = shellScript(step.exec);
    return script === undefined ? [{ argv: step.exec, assignments: {} }] : splitShellScript(script);
  }
  return splitShellScript(step.script ?? step.text);
}

/** The words after `install`, or undefined when the command is not a pip install. */
function pipInstallArgs(argv: readonly string[]): string[] | undefined {
  const program = basename(argv[0] ?? "");
  let rest: readonly string[];
  if (/^pip(\d+(\.\d+)?)?$/.test(program)) rest = argv.slice(1);
  else if (/^python(\d+(\.\d+)?)?$/.test(program)) {
    const python = pythonOptions(argv.slice(1));
    if (python.module !== "pip") return undefined;
    rest = python.rest;
  } else return undefined;
  // pip's general options may come before the command: `pip --no-cache-dir install ...`.
  const at = rest.findIndex((w) => !w.startsWith("-"));
  return rest[at] === "install" ? rest.slice(at + 1) : undefined;
}

function requirementFiles(args: readonly string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === "-r" || word === "--requirement") {
      const file = args[++i];
      if (file !== undefined) files.push(file);
    } else if (word.startsWith("--requirement=")) files.push(word.slice("--requirement=".length));
    else if (/^-r./.test(word)) files.push(word.slice(2));
  }
  return files;
}
