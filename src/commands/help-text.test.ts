import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { defaultJobs } from "../batch/jobs.js";
import { PULL_POLICIES } from "../docker/pull-policy.js";
import { LANGS, type Lang } from "../i18n/text.js";
import { bundledRubric } from "../package-info.js";
import { buildProgram } from "../program.js";
import { REPORT_FORMATS } from "../reporters/formats.js";
import { helpTexts } from "./help-text.js";

/** Every command of the program with its path (`rubric lint`); the program itself is "dockgrade". */
function commandsOf(program: Command): Array<[string, Command]> {
  const walk = (command: Command, path: string): Array<[string, Command]> => [
    [path, command],
    ...command.commands.flatMap((sub) => walk(sub, `${path} ${sub.name()}`)),
  ];
  return walk(program, "dockgrade");
}

/** What a command's help lists: its visible options, its arguments and commander's `help` command if any. */
function itemsOf(command: Command) {
  const help = command.createHelp();
  return {
    options: help.visibleOptions(command),
    arguments: command.registeredArguments,
    helpCommand: help.visibleCommands(command).find((sub) => !command.commands.includes(sub)),
  };
}

/** The full help of one command as `--help` prints it (headings, items, the text added after), `width` wide. */
function helpOf(command: Command, width = 80): string {
  let out = "";
  command.configureOutput({ writeOut: (text) => (out += text), getOutHelpWidth: () => width });
  command.outputHelp();
  return out;
}

const programs = Object.fromEntries(LANGS.map((lang) => [lang, buildProgram(undefined, lang)])) as Record<
  Lang,
  Command
>;
const commands = Object.fromEntries(LANGS.map((lang) => [lang, commandsOf(programs[lang])])) as Record<
  Lang,
  Array<[string, Command]>
>;

describe("--help in French and English", () => {
  it("the catalog words every text in both languages, French not left in English", () => {
    for (const [id, text] of Object.entries(helpTexts)) {
      expect(text.fr.trim(), id).not.toBe("");
      expect(text.en.trim(), id).not.toBe("");
      // `[options]` is the same word in both languages; every other text is translated.
      if (id !== "usageOptions") expect(text.fr, id).not.toBe(text.en);
    }
  });

  it("both programs have the same commands, options and arguments", () => {
    const shape = (lang: Lang) =>
      commands[lang].map(([path, command]) => {
        const items = itemsOf(command);
        return [
          path,
          items.options.map((option) => option.flags),
          items.arguments.map((argument) => argument.name()),
          items.helpCommand?.name(),
        ];
      });
    expect(shape("fr")).toEqual(shape("en"));
    expect(commands.en.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        "dockgrade check",
        "dockgrade rubric lint",
        "dockgrade rubric explain",
        "dockgrade gc",
      ]),
    );
  });

  it("every command, argument and option (help and version included) has a description in each language", () => {
    const texts = (lang: Lang) =>
      commands[lang].flatMap(([path, command]) => {
        const items = itemsOf(command);
        return [
          [path, command.description()],
          ...items.options.map((option) => [`${path} ${option.flags}`, option.description]),
          ...items.arguments.map((argument) => [`${path} ${argument.name()}`, argument.description]),
          ...(items.helpCommand ? [[`${path} help`, items.helpCommand.description()]] : []),
        ];
      });
    const [fr, en] = [texts("fr"), texts("en")];
    expect(fr.map(([where]) => where)).toEqual(en.map(([where]) => where));
    expect(fr.map(([where]) => where)).toEqual(
      expect.arrayContaining(["dockgrade -V, --version", "dockgrade help", "dockgrade check -h, --help"]),
    );
    fr.forEach(([where, description], i) => {
      expect(description?.trim(), where).not.toBe("");
      expect(en[i]?.[1]?.trim(), where).not.toBe("");
      expect(description, `${where} is the same in French and English`).not.toBe(en[i]?.[1]);
    });
  });

  it.each(commands.fr.map(([path, command]) => [path, command]))(
    "the French help of %s has none of commander's English words",
    (_path, command) => {
      for (const text of [command.helpInformation(), helpOf(command), helpOf(command, 50)]) {
        expect(text).toMatch(/^Utilisation : dockgrade /);
        for (const english of [
          "Usage:",
          "Arguments:",
          "Options:",
          "Commands:",
          "Global Options",
          "display help",
          "output the version",
          "default:",
          "choices:",
          "preset:",
          "env:",
          "[command]",
          "Exit codes",
        ])
          expect(text).not.toContain(english);
        expect(text).not.toMatch(/\b(true|false)\b/);
        // French spaces before ":" and ";" never start a wrapped line, and the joiner used for it never shows.
        expect(text).not.toMatch(/\n\s*[:;]/);
        expect(text).not.toContain("\u2060");
      }
    },
  );

  it("the English help of every command is commander's own, word for word", () => {
    for (const [path, command] of commandsOf(buildProgram(undefined, "en"))) {
      const ours = command.helpInformation();
      expect(ours).toMatch(/^Usage: dockgrade/);
      command.configureHelp({}); // commander's stock help, on the same command
      expect(ours, path).toBe(command.helpInformation());
    }
  });

  it("shows the real default values and choices", () => {
    const [check, batch] = ["check", "batch"].map(
      (name) => programs.fr.commands.find((c) => c.name() === name) as Command,
    );
    const [checkEn] = ["check"].map((name) => programs.en.commands.find((c) => c.name() === name) as Command);
    const wide = (command: Command) => helpOf(command, 1000);
    const quoted = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(", ");
    expect(wide(check as Command)).toContain(
      `dossier du barème (par défaut : ${JSON.stringify(bundledRubric())})`,
    );
    expect(wide(check as Command)).toContain(
      `format de sortie (valeurs possibles : ${quoted(REPORT_FORMATS)} ; par défaut : "text")`,
    );
    expect(wide(check as Command)).toContain(
      `(valeurs possibles : ${quoted(PULL_POLICIES)} ; par défaut : "missing")`,
    );
    expect(wide(check as Command)).toMatch(/--watch +.*\(par défaut : non\)\n/);
    expect(wide(check as Command)).toContain(`dossier du rendu ou URL git (par défaut : ".")`);
    expect(wide(batch as Command)).toContain(`(par défaut : ${defaultJobs()})`);
    expect(wide(batch as Command)).toContain(`(par défaut : ["github.com"])`);
    expect(wide(checkEn as Command)).toContain(`rubric folder (default: ${JSON.stringify(bundledRubric())})`);
    expect(wide(checkEn as Command)).toMatch(/--watch +.*\(default: false\)\n/);
  });

  it("lists the exit codes after the help of the program and of check, in each language", () => {
    const exitCodes = {
      en: /\nExit codes:\n\s+0 .*\n\s+1 .*--min-score\n\s+2 .*\n\s+3 .*bug.*\n\s+4 .*Docker engine/,
      fr: /\nCodes de sortie :\n\s+0 .*\n\s+1 .*--min-score\n\s+2 .*\n\s+3 .*bug.*\n\s+4 .*moteur Docker/,
    };
    for (const lang of LANGS) {
      const check = programs[lang].commands.find((c) => c.name() === "check") as Command;
      expect(helpOf(programs[lang])).toMatch(exitCodes[lang]);
      expect(helpOf(check)).toMatch(exitCodes[lang]);
    }
  });
});
