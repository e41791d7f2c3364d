import type { BuildProgress } from "../docker/build-log.js";
import type { Lang } from "../i18n/text.js";
import type { CheckResult } from "../report/schema.js";
import { buildStepLine, clip, liveLines, type ProgressState, resultLine, shownTitle } from "./check-lines.js";

/** What grading one submission tells the person waiting for it. */
export interface CheckProgress {
  checkStarted(check: { id: string; title: string }): void;
  checkFinished(result: CheckResult): void;
  build(event: BuildProgress): void;
  /** Removes the live lines (the report is printed next); the result lines stay. */
  end(): void;
}

export interface ProgressOptions {
  lang: Lang;
  /** Ids of the rubric's hidden checks: named only with `showHidden`. */
  hidden: ReadonlySet<string>;
  showHidden: boolean;
  /** Checks to leave out of the view (the watch loop's checks whose results were reused). */
  skip?: (id: string) => boolean;
  now?: () => number;
  /** Terminal width, read at each redraw. */
  columns?: () => number;
}

function titled(options: ProgressOptions, id: string, title: string): string {
  return shownTitle(title, options.hidden.has(id), options.showHidden, options.lang);
}

/** For CI logs and pipes: a line per build step and a line per finished check; no escape codes. */
export function plainCheckProgress(write: (text: string) => void, options: ProgressOptions): CheckProgress {
  return {
    checkStarted: () => {},
    checkFinished: (result) => {
      if (options.skip?.(result.id)) return;
      const title = titled(options, result.id, result.title ?? result.id);
      write(`${resultLine(result, title, options.lang)}\n`);
    },
    build: (event) => {
      if (event.kind === "step") write(`             ${buildStepLine(event.step, options.lang)}\n`);
    },
    end: () => {},
  };
}

/**
 * For a terminal: a live line per running check (title, elapsed time) and, during the build, its current
 * step and last output line, redrawn in place four times a second; each finished check leaves a result line.
 */
export function liveCheckProgress(write: (text: string) => void, options: ProgressOptions): CheckProgress {
  const now = options.now ?? Date.now;
  const state: ProgressState = { running: new Map() };
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const width = () => Math.max(20, (options.columns?.() ?? 100) - 1);
  const clear = () => (drawn > 0 ? `\x1b[${drawn}F\x1b[J` : "");
  const draw = (above = "") => {
    const lines = liveLines(state, now(), options.lang).map((line) => clip(line, width()));
    write(`${clear()}${above}${lines.map((line) => `${line}\n`).join("")}`);
    drawn = lines.length;
  };
  const tick = () => {
    if (!timer) {
      timer = setInterval(() => draw(), 250);
      timer.unref();
    }
  };
  return {
    checkStarted: (check) => {
      if (options.skip?.(check.id)) return;
      state.running.set(check.id, { title: titled(options, check.id, check.title), since: now() });
      tick();
      draw();
    },
    checkFinished: (result) => {
      if (!state.running.delete(result.id) && options.skip?.(result.id)) return;
      const title = titled(options, result.id, result.title ?? result.id);
      draw(`${clip(resultLine(result, title, options.lang), width())}\n`);
    },
    build: (event) => {
      if (event.kind === "step") state.build = { step: event.step, since: now() };
      else if (event.kind === "output" && state.build) state.build.line = event.line;
      else if (event.kind === "end") state.build = undefined;
    },
    end: () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      state.running.clear();
      state.build = undefined;
      write(clear());
      drawn = 0;
    },
  };
}
