import { registry } from "../../graders/index.js";
import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import { type Lang, type LocalText, localize } from "../i18n/text.js";
import type { Check, Rubric } from "../rubric/types.js";
import { type CommandIO, EXIT } from "./io.js";
import { loadRubricFor } from "./load-rubric.js";

const words = {
  intro: {
    fr: "Barème : ce qui est vérifié, et combien de points chaque vérification rapporte.",
    en: "Grading scheme: what is checked, and how many points each check earns.",
  },
  headings: {
    fr: "Titres attendus dans le compte rendu (README.md), une section par titre :",
    en: "Headings expected in the lab report (README.md), one section each:",
  },
  total: { fr: "Total", en: "Total" },
  needs: { fr: "après", en: "after" },
  docker: { fr: "avec Docker", en: "with Docker" },
  covers: { fr: "une bonne réponse aborde", en: "a good answer covers" },
  hiddenNote: {
    fr: "{count} vérification(s) cachée(s) ne sont pas détaillées ici ({points} points).",
    en: "{count} hidden check(s) are not detailed here ({points} points).",
  },
} satisfies MessageCatalog;

/**
 * The grading scheme as students read it before they submit: the report's expected headings, then per
 * step each check's title, points and what it checks (checks that check the same thing share one line),
 * and the quiz questions with what a good answer covers in general terms. Hidden checks are counted but
 * never described; no check id, no pattern.
 */
export function explainRubric(rubric: Rubric, lang: Lang): string {
  const lines = [`# ${localize(rubric.assignment.title, lang)}`, "", words.intro[lang], ""];
  const headings = expectedHeadings(rubric);
  if (headings.length > 0) lines.push(words.headings[lang], ...headings.map((h) => `- ${h}`), "");
  const titles = new Map(rubric.steps.flatMap((s) => s.checks).map((c) => [c.id, checkTitle(c, lang)]));
  let hiddenCount = 0;
  let hiddenPoints = 0;
  for (const step of rubric.steps) {
    lines.push(`## ${localize(step.title, lang)} — ${points(step.points)}`, "");
    const visible = step.checks.filter((check) => check.visibility !== "hidden");
    for (const check of step.checks.filter((c) => c.visibility === "hidden")) {
      hiddenCount++;
      hiddenPoints += check.points;
    }
    for (const [what, checks] of groupBy(visible, (check) => whatItChecks(check, lang))) {
      const entry = (check: Check) => {
        const grader = registry.get(check.grader);
        const tags: Array<string | undefined> = [
          grader?.requires.includes("docker") ? words.docker[lang] : undefined,
        ];
        const needs = check.needs.map((id) => titles.get(id)).filter(Boolean);
        if (needs.length > 0) tags.push(`${words.needs[lang]} ${needs.join(", ")}`);
        const shown = tags.filter(Boolean);
        return `**${checkTitle(check, lang)}** — ${points(check.points)}${shown.length > 0 ? ` _(${shown.join("; ")})_` : ""}`;
      };
      if (checks.length === 1) {
        const check = checks[0] as Check;
        lines.push(`- ${entry(check)}: ${what}`);
        for (const item of listedItems(check.params, lang)) lines.push(`  - ${item}`);
      } else {
        lines.push(`- ${what}`);
        for (const check of checks) {
          lines.push(`  - ${entry(check)}`);
          for (const item of listedItems(check.params, lang)) lines.push(`    - ${item}`);
        }
      }
    }
    lines.push("");
  }
  if (hiddenCount > 0) {
    lines.push(renderMessage(words, "hiddenNote", lang, { count: hiddenCount, points: hiddenPoints }), "");
  }
  lines.push(`**${words.total[lang]}: ${points(rubric.assignment.totalPoints)}**`);
  return `${lines.join("\n")}\n`;
}

function points(n: number): string {
  return `${n} pt${n > 1 ? "s" : ""}`;
}

/** A check as students read it: its title, else what its grader checks (never its id). */
function checkTitle(check: Check, lang: Lang): string {
  if (check.title) return localize(check.title, lang);
  return registry.get(check.grader)?.description[lang] ?? check.grader;
}

function whatItChecks(check: Check, lang: Lang): string {
  if (check.description) return localize(check.description, lang);
  return registry.get(check.grader)?.description[lang] ?? "";
}

/** Items grouped by key, in the order each key first appears. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * The report's headings in words: the rubric's example heading of each report check (`example`), in the
 * rubric's order, each once. The patterns that find them are never shown.
 */
function expectedHeadings(rubric: Rubric): string[] {
  const examples = rubric.steps
    .flatMap((step) => step.checks)
    .filter((check) => check.visibility !== "hidden")
    .map((check) => check.params.example)
    .filter((example): example is string => typeof example === "string" && example.trim() !== "");
  return [...new Set(examples)];
}

/**
 * What a check looks for, when its parameters list it: each quiz question with what a good answer covers
 * (the concepts' general hints; their labels only where the quiz gives `hints: full`), or the concepts a
 * report section explains.
 */
function listedItems(params: Record<string, unknown>, lang: Lang): string[] {
  const full = params.hints === "full";
  const idea = (concept: Record<string, unknown>) =>
    localize((full ? concept.label : (concept.hint ?? concept.label)) as LocalText, lang);
  const list = (items: unknown) => (Array.isArray(items) ? (items as Array<Record<string, unknown>>) : []);
  const [colon, semicolon] = lang === "fr" ? [" : ", " ; "] : [": ", "; "];
  const questions = list(params.questions).map((q, i) => {
    const title = q.title ? ` ${localize(q.title as LocalText, lang)}` : "";
    const ideas = list(q.concepts).map(idea);
    return `Q${i + 1}.${title} — ${words.covers[lang]}${colon}${ideas.join(semicolon)}`;
  });
  return [...questions, ...list(params.concepts).map(idea)];
}

/** `dockgrade rubric explain [DIR]`. */
export async function explainCommand(dir: string, lang: Lang, io: CommandIO): Promise<number> {
  const loaded = await loadRubricFor(dir, lang, io);
  if (!("rubric" in loaded)) return EXIT.usage;
  io.stdout(explainRubric(loaded.rubric, lang));
  return EXIT.graded;
}
