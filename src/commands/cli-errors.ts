import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import { detectLang, isLang, type Lang } from "../i18n/text.js";

/**
 * The command line's own errors (an unknown option, a missing value, a value not allowed), in the user's
 * language. commander words them in English; its messages have a fixed shape per kind (commander 14), read
 * here only to take out the names and values they quote. A message of an unknown shape is shown as is.
 */
export const cliErrorMessages = {
  unknownOption: {
    en: "unknown option {option}: check its spelling.",
    fr: "option inconnue {option} : vérifiez son orthographe.",
  },
  unknownCommand: {
    en: "unknown command {command}: the commands are {commands}.",
    fr: "commande inconnue {command} : les commandes sont {commands}.",
  },
  didYouMean: { en: "Did you mean {suggestion}?", fr: "Vouliez-vous dire {suggestion} ?" },
  missingArgument: {
    en: "{argument} is missing: give it after the command.",
    fr: "{argument} manque : donnez-le après la commande.",
  },
  optionMissingValue: {
    en: "{option} needs a value: write it after the option.",
    fr: "{option} attend une valeur : écrivez-la après l'option.",
  },
  requiredOption: { en: "{option} is required.", fr: "{option} est obligatoire." },
  invalidValue: {
    en: "{option}: {value} cannot be used ({reason}).",
    fr: "{option} : {value} ne convient pas ({reason}).",
  },
  allowedChoices: { en: "expected one of {choices}", fr: "valeurs possibles : {choices}" },
  tooManyArguments: {
    en: "too many arguments: {command} takes {expected} and got {received}. Quote a path that holds spaces.",
    fr: "trop d'arguments : {command} en prend {expected} et en a reçu {received}. Mettez entre guillemets un chemin qui contient des espaces.",
  },
  conflict: {
    en: "{first} cannot be used with {second}: keep one of them.",
    fr: "{first} ne s'emploie pas avec {second} : gardez l'une des deux.",
  },
  helpHint: {
    en: "(`dockgrade --help` lists the commands, `dockgrade <command> --help` their options)",
    fr: "(`dockgrade --help` liste les commandes, `dockgrade <commande> --help` leurs options)",
  },
  expectedLang: { en: "expected fr or en", fr: "fr ou en attendu" },
  expectedNumber: { en: "expected a number, 0 or more", fr: "un nombre, 0 ou plus, attendu" },
  expectedCount: { en: "expected a whole number, 1 or more", fr: "un nombre entier, 1 ou plus, attendu" },
} satisfies MessageCatalog;

export type CliErrorId = keyof typeof cliErrorMessages;

export function cliText(lang: Lang, id: CliErrorId, data?: Record<string, string | number>): string {
  return renderMessage(cliErrorMessages, id, lang, data);
}

/** The language of the command line's own messages: the last valid `--lang`, else LANG, else French. */
export function commandLineLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  let chosen: Lang | undefined;
  argv.forEach((arg, i) => {
    const value = arg.startsWith("--lang=")
      ? arg.slice("--lang=".length)
      : arg === "--lang"
        ? argv[i + 1]
        : undefined;
    if (isLang(value)) chosen = value;
  });
  return chosen ?? detectLang(undefined, env);
}

const quoted = (name: string) => `'${name}'`;

/** `-f, --format <format>` → `--format`: the option as the user types it. */
function flagName(flags: string): string {
  return flags.match(/--?[\w-]+/g)?.pop() ?? flags;
}

/**
 * commander's error message (`error: …`) said again in `lang`; an unknown shape is returned unchanged.
 * `commands`: the program's command names, for an unknown command.
 */
export function localizeCommandLineError(
  message: string,
  lang: Lang,
  commands: readonly string[] = [],
): string {
  const text = message.replace(/\n+$/, "");
  const [first = "", ...rest] = text.split("\n");
  const suggestion = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(rest.join(" ").trim())?.[1];
  const withSuggestion = (line: string) =>
    suggestion ? `${line}\n${cliText(lang, "didYouMean", { suggestion })}` : line;
  // Each shape commander words, on its first line or (for values, which may hold newlines) the whole text.
  const shapes: Array<[RegExp, "first" | "whole", (m: string[]) => string]> = [
    [
      /^error: unknown option '(.+)'$/,
      "first",
      (m) => withSuggestion(cliText(lang, "unknownOption", { option: quoted(m[1] as string) })),
    ],
    [
      /^error: unknown command '(.+)'$/,
      "first",
      (m) =>
        withSuggestion(
          cliText(lang, "unknownCommand", { command: quoted(m[1] as string), commands: commands.join(", ") }),
        ),
    ],
    [
      /^error: missing required argument '(.+)'$/,
      "first",
      (m) => cliText(lang, "missingArgument", { argument: quoted(m[1] as string) }),
    ],
    [
      /^error: option '(.+)' argument missing$/,
      "first",
      (m) => cliText(lang, "optionMissingValue", { option: quoted(flagName(m[1] as string)) }),
    ],
    [
      /^error: required option '(.+)' not specified$/,
      "first",
      (m) => cliText(lang, "requiredOption", { option: quoted(flagName(m[1] as string)) }),
    ],
    [
      /^error: option '(.+?)' argument '(.*)' is invalid\.\s*(.*)$/s,
      "whole",
      (m) => invalidValue(flagName(m[1] as string), m[2] as string, m[3] as string, lang),
    ],
    [
      /^error: command-argument value '(.*)' is invalid for argument '(.+?)'\.\s*(.*)$/s,
      "whole",
      (m) => invalidValue(m[2] as string, m[1] as string, m[3] as string, lang),
    ],
    [
      /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
      "first",
      (m) =>
        cliText(lang, "tooManyArguments", {
          command: m[1] ? quoted(m[1]) : "dockgrade",
          expected: m[2] as string,
          received: m[3] as string,
        }),
    ],
    [
      /^error: option '(.+)' cannot be used with option '(.+)'$/,
      "first",
      (m) =>
        cliText(lang, "conflict", {
          first: quoted(flagName(m[1] as string)),
          second: quoted(flagName(m[2] as string)),
        }),
    ],
  ];
  for (const [shape, part, say] of shapes) {
    const match = shape.exec(part === "first" ? first : text);
    if (match) return say(match);
  }
  return text;
}

function invalidValue(option: string, value: string, tail: string, lang: Lang): string {
  const choices = /^Allowed choices are (.+)\.$/.exec(tail.trim())?.[1];
  const reason = choices ? cliText(lang, "allowedChoices", { choices }) : tail.trim();
  return cliText(lang, "invalidValue", { option: quoted(option), value: quoted(value), reason });
}
