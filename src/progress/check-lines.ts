import type { BuildStepRef } from "../docker/build-log.js";
import type { Lang } from "../i18n/text.js";
import type { CheckResult } from "../report/schema.js";
import { formatPoints, statusLabel } from "../reporters/labels.js";

/** What the progress view knows at one moment: the checks running and the build, if one is under way. */
export interface ProgressState {
  running: Map<string, { title: string; since: number }>;
  build?: { step: BuildStepRef; since: number; line?: string };
}

const WORDS = {
  hidden: { en: "hidden check", fr: "vérification masquée" },
  build: { en: "Step", fr: "Construction" },
  colon: { en: ":", fr: " :" },
} as const;

/** `0:07`, `12:30`: elapsed time as a person reads it on a clock. */
export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** `0.4 s`, `12 s`: a finished check's duration. */
export function duration(ms: number): string {
  return ms < 10_000 ? `${(Math.max(0, ms) / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** The title a person may see: hidden checks are named only for instructors (`--show-hidden`). */
export function shownTitle(title: string, hidden: boolean, showHidden: boolean, lang: Lang): string {
  return hidden && !showHidden ? WORDS.hidden[lang] : title;
}

/** `Step 4/8: RUN pip install -r requirements.txt` (French: `Construction 4/8 : …`). */
export function buildStepLine(step: BuildStepRef, lang: Lang): string {
  return `${WORDS.build[lang]} ${step.index}/${step.total}${WORDS.colon[lang]} ${step.instruction}`;
}

/** One line per finished check: its status in the report's words, points, title and duration. */
export function resultLine(result: CheckResult, title: string, lang: Lang): string {
  const status = statusLabel[result.status][lang].padEnd(8);
  const points = `${formatPoints(result.score)}/${formatPoints(result.maxScore)}`;
  return `  ${status} ${title}  ${points}  (${duration(result.durationMs)})`;
}

/** The live part of the view: a line per running check with its elapsed time, then the build's step and last line. */
export function liveLines(state: ProgressState, now: number, lang: Lang): string[] {
  const lines = [...state.running.values()].map(
    (check) => `  …        ${check.title}  ${elapsed(now - check.since)}`,
  );
  if (state.build && state.running.size > 0) {
    // The step's time goes before its instruction, which a narrow terminal cuts.
    const time = elapsed(now - state.build.since);
    lines.push(
      `             ${buildStepLine(state.build.step, lang).replace(WORDS.colon[lang], ` (${time})${WORDS.colon[lang]}`)}`,
    );
    if (state.build.line) lines.push(`             │ ${state.build.line}`);
  }
  return lines;
}

/** Cuts a line to the terminal's width (so a redraw moves up exactly one row per line). */
export function clip(line: string, width: number): string {
  const chars = [...line];
  return chars.length > width ? `${chars.slice(0, Math.max(1, width - 1)).join("")}…` : line;
}
