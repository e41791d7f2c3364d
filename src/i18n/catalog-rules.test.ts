import { describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import { dockerTraceMessages } from "../docker/trace-messages.js";
import { engineMessages } from "../engine/messages.js";
import { formatBytes } from "../format/bytes.js";
import { reportWords, statusLabel } from "../reporters/labels.js";
import { rubricMessages } from "../rubric/messages.js";
import type { MessageCatalog } from "./catalog.js";
import { interpolate, LANGS, type Lang, type MessageData } from "./text.js";

/**
 * Every message a person reads, rendered in both languages with sample data, follows the plain-language
 * rules of issue 14: no regular expression, no check id or status keyword, one language at a time,
 * numbers with their units.
 */

/** Check ids of the bundled rubrics that read as internal names (hyphenated), never as plain words. */
const CHECK_IDS = [
  "api-quote",
  "app-files",
  "bind-mount-masks",
  "closing-summary",
  "copy-vs-volume",
  "dependencies-installed",
  "dockerfile-base",
  "dockerfile-exec-form",
  "dockerfile-expose",
  "dockerfile-gunicorn",
  "dockerfile-layer-order",
  "dockerfile-pip-cache",
  "dockerfile-workdir",
  "engine-evidence",
  "gunicorn-8000",
  "health-route",
  "host-edit-live",
  "image-built-size",
  "image-config",
  "image-size",
  "mount-hides-code",
  "named-volume",
  "quiz-answers",
  "served-by-gunicorn",
  "stop-cleanly",
  "stop-rm-prune",
  "report-section",
];

/** Sample values per placeholder name: what the graders pass, in a neutral form (no language words). */
const COUNT = /^(files|largestFiles|maxFiles|count|layers|lines|words)$/;
const SIZE = /(size|Size|bytes|Bytes)$/;
function sample(name: string): string | number {
  if (COUNT.test(name)) return 12;
  if (name === "need") return "api-quote"; // rubric lint: a check id, for the rubric's author
  if (name === "needs") return '"X1"'; // the engine names checks by title (see checkNames)
  if (SIZE.test(name)) return formatBytes(4_200);
  if (/pattern|regex/i.test(name)) return "/etape\\s*1\\b/"; // what a placeholder with such a name carries
  if (/seconds|line|Line|step|total|port|Port|exitCode|cap|limit|max|memory|declared|sum/.test(name))
    return 7;
  return "X1";
}

function samples(template: string): MessageData {
  const data: MessageData = {};
  for (const [, name] of template.matchAll(/\{(\w+)\}/g)) if (name) data[name] = sample(name);
  return data;
}

/** Quoted literals (code, output, headings) are not the message's own language: left out of the word checks. */
function ownWords(text: string): string {
  return text
    .replace(/`[^`]*`/g, " ")
    .replace(/«[^»]*»/g, " ")
    .replace(/"[^"]*"/g, " ")
    .replace(/\[[^\]]*\]/g, " ");
}

const ENGLISH_IN_FRENCH = [
  /\bnothing\b/i,
  /\bfound\b/i,
  /\bexpected\b/i,
  /did you mean/i,
  /\bthe /i,
  /\band /i,
  /\bis /i,
];
const FRENCH_IN_ENGLISH = [
  /\bcontient\b/i,
  /\ble /i,
  /\bla /i,
  /[«»]/,
  /\d[\s\u202f\u00a0]%/,
  /\bvérification\b/i,
];
const REGEX = /\/[^/\s]*(\\[sbdw]|[|*+?^$])[^/\s]*\//;
const STATUS = /(?:[:(]\s*|\b(?:status|statut)\s+)(pass|partial|fail|skipped|error)\b/i;

/** The rule broken by `text`, or undefined. `student` catalogs also refuse regexes (lint output is the author's). */
function plainLanguageProblem(text: string, lang: Lang, student: boolean): string | undefined {
  if (student && REGEX.test(text)) return "regular expression";
  if (STATUS.test(text)) return "status keyword";
  for (const id of CHECK_IDS)
    if (student && new RegExp(`(^|[^\\w-])${id}($|[^\\w-])`).test(text)) return `check id ${id}`;
  const words = ownWords(text);
  const foreign = lang === "fr" ? ENGLISH_IN_FRENCH : FRENCH_IN_ENGLISH;
  const hit = foreign.find((rule) => rule.test(lang === "fr" ? words : text));
  return hit ? `other language (${hit})` : undefined;
}

/** A count placeholder carries its noun, a duration its unit. */
function unitProblem(template: string): string | undefined {
  for (const match of template.matchAll(/\{(\w+)\}(.{0,12})/g)) {
    const [, name = "", after = ""] = match;
    if (
      COUNT.test(name) &&
      !/^\s*(files?|fichiers?|processes|processus|layers?|couches?|lines?|lignes?|words?|mots?|stages|étapes|items|éléments|instructions?)/.test(
        after,
      )
    )
      return `{${name}} without its noun`;
    if (/seconds/.test(name) && !/^\s*s\b/.test(after)) return `{${name}} without "s"`;
  }
  return undefined;
}

function catalogs(): Array<[string, MessageCatalog, boolean]> {
  const all: Array<[string, MessageCatalog, boolean]> = [
    ["engine", engineMessages, true],
    ["rubric", rubricMessages, false],
    ["verbose log of the Docker session", dockerTraceMessages, false],
    ["reporter words", reportWords, true],
    ["reporter statuses", statusLabel as unknown as MessageCatalog, true],
  ];
  for (const [id, grader] of registry) all.push([`grader ${id}`, grader.messages, true]);
  return all;
}

describe("every message of every catalog, in plain language", () => {
  for (const [name, catalog, student] of catalogs()) {
    it(`${name}: fr and en follow the rules`, () => {
      const problems: string[] = [];
      for (const [id, entry] of Object.entries(catalog)) {
        for (const lang of LANGS) {
          const template = entry[lang];
          const text = interpolate(template, samples(template));
          const problem = plainLanguageProblem(text, lang, student) ?? unitProblem(template);
          if (problem) problems.push(`${id} [${lang}] ${problem}: ${text}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe("the rules themselves", () => {
  it.each([
    ["No heading matches /etape\\s*1\\b/", "en", "regular expression"],
    ["it needs api-quote", "en", "check id api-quote"],
    ["(build: fail)", "en", "status keyword"],
    ["Config.ExposedPorts contient nothing (no EXPOSE)", "fr", "other language"],
    ["Config.ExposedPorts contient nothing (no EXPOSE)", "en", "other language"],
    ["capped at 50 %", "en", "other language"],
    ["(did you mean « x » ?)", "fr", "other language"],
  ] as const)("%s (%s) breaks a rule", (text, lang, rule) => {
    expect(plainLanguageProblem(text, lang, true)).toContain(rule);
  });
  it.each([
    ["Corrigez d'abord « Image construite » : elle doit réussir.", "fr"],
    ["Run /bin/sh -c then read /app/data/quotes.txt; it must pass first.", "en"],
    ["crédit plafonné à 50 %", "fr"],
  ] as const)("%s (%s) is plain", (text, lang) => {
    expect(plainLanguageProblem(text, lang, true)).toBeUndefined();
  });
  it("asks a count for its noun and a duration for its unit", () => {
    expect(unitProblem("sent {files} ({size})")).toContain("noun");
    expect(unitProblem("sent {files} files")).toBeUndefined();
    expect(unitProblem("within {seconds}.")).toContain("s");
  });
});
