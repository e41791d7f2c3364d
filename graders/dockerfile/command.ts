import type { DfInstruction } from "../../src/dockerfile/parse.js";

export interface CommandPart {
  step: DfInstruction;
  /** The argv Docker stores: the JSON array, or `[...SHELL, text]` for the shell form. */
  argv: string[];
  shellForm: boolean;
}

/** What the final image starts with: `docker inspect`'s Config.Entrypoint and Config.Cmd. */
export interface EffectiveCommand {
  entrypoint?: CommandPart;
  cmd?: CommandPart;
  /** Entrypoint followed by Cmd: the container's argv. */
  argv: string[];
  /** Nothing in the Dockerfile sets a command: the base image's own CMD runs (`python3` for python). */
  inheritsBaseCommand: boolean;
}

/**
 * Docker's rules: the last CMD and ENTRYPOINT win, stages built FROM another inherit its settings, the
 * shell form is run by the current SHELL (`/bin/sh -c` by default), and an ENTRYPOINT resets a CMD that
 * was not set in the same stage.
 */
export function effectiveCommand(steps: readonly DfInstruction[]): EffectiveCommand {
  let shell = ["/bin/sh", "-c"];
  let entrypoint: CommandPart | undefined;
  let cmd: CommandPart | undefined;
  let cmdInStage = false;
  let inheritsBaseCommand = true;
  for (const step of steps) {
    const part = (): CommandPart =>
      step.exec
        ? { step, argv: step.exec, shellForm: false }
        : { step, argv: [...shell, step.text], shellForm: true };
    switch (step.keyword) {
      case "FROM":
        cmdInStage = false;
        break;
      case "SHELL":
        if (step.exec && step.exec.length > 0) shell = step.exec;
        break;
      case "CMD":
        cmd = part();
        cmdInStage = true;
        inheritsBaseCommand = false;
        break;
      case "ENTRYPOINT":
        entrypoint = part();
        if (!cmdInStage) cmd = undefined;
        inheritsBaseCommand = false;
        break;
    }
  }
  const argv = [...(entrypoint?.argv ?? []), ...(cmd?.argv ?? [])];
  return { ...(entrypoint ? { entrypoint } : {}), ...(cmd ? { cmd } : {}), argv, inheritsBaseCommand };
}
