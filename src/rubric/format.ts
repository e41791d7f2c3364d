import { renderMessage } from "../i18n/catalog.js";
import type { Lang } from "../i18n/text.js";
import { rubricMessages } from "./messages.js";
import type { Problem } from "./yaml-file.js";

/** A path as the user would type it: relative to the working folder when it lies inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

const typeNames: Record<string, { en: string; fr: string }> = {
  number: { en: "a number", fr: "un nombre" },
  integer: { en: "a whole number", fr: "un nombre entier" },
  string: { en: "a text", fr: "un texte" },
  array: { en: "a list", fr: "une liste" },
  object: { en: "a mapping (key: value)", fr: "un dictionnaire (clé: valeur)" },
  boolean: { en: "true or false", fr: "true ou false" },
  null: { en: "nothing (null)", fr: "rien (null)" },
  localText: {
    en: "a text, or a mapping with fr: and en: texts",
    fr: "un texte, ou un dictionnaire avec des textes fr: et en:",
  },
};

/** A JSON Schema type (`number`, `array`…) in words: "a whole number", "une liste". */
export function typeInWords(name: string, lang: Lang): string {
  return typeNames[name]?.[lang] ?? name;
}

/** `rubrics/x/02.yaml:14:7 checks[2].points: expected a number` */
export function formatProblem(problem: Problem, lang: Lang): string {
  const data = { ...problem.data };
  if (problem.messageId === "type" && typeof data.expected === "string") {
    data.expected = data.expected
      .split(",")
      .map((name) => typeInWords(name, lang))
      .join(renderMessage(rubricMessages, "typeOr", lang));
  }
  // A near name is told in the problem's language (`suggestion` holds the bare name).
  if (typeof data.suggestion === "string" && data.suggestion !== "") {
    const near = data.suggestion;
    data.suggestion = renderMessage(rubricMessages, "didYouMean", lang, { near });
  }
  const where = `${displayPath(problem.file)}:${problem.line}:${problem.column}`;
  const field = problem.field ? ` ${problem.field}:` : "";
  return `${where}${field} ${renderMessage(rubricMessages, problem.messageId, lang, data)}`;
}

/** Problems in file, then line, then column order, so output is stable and reads top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.field.localeCompare(b.field),
  );
}
