import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import type { Lang } from "../i18n/text.js";
import type { SubmissionRow } from "./types.js";

/** What the batch tells its user while it runs. */
export interface BatchProgress {
  start(total: number): void;
  phase(id: string, phase: string): void;
  finished(row: SubmissionRow, durationMs: number): void;
  end(): void;
}

const WORDS = {
  clone: { en: "fetching the repository", fr: "récupération du dépôt" },
  queued: { en: "waiting for a Docker slot", fr: "en attente d'une place Docker" },
  graded: { en: "graded", fr: "corrigé" },
  reused: { en: "unchanged, earlier report kept", fr: "inchangé, rapport précédent conservé" },
  error: { en: "NOT GRADED", fr: "NON CORRIGÉ" },
  done: { en: "done", fr: "terminés" },
  running: { en: "running", fr: "en cours" },
  failed: { en: "not graded", fr: "non corrigés" },
  left: { en: "about {t} left", fr: "environ {t} restant" },
  elapsed: { en: "elapsed", fr: "écoulé" },
} satisfies MessageCatalog;

function word(lang: Lang, key: keyof typeof WORDS): string {
  return WORDS[key][lang];
}

export function describePhase(lang: Lang, phase: string): string {
  return phase === "clone" || phase === "queued" ? word(lang, phase) : phase;
}

export function clock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

/** One result line per finished submission: what CI logs and pipes get (no escape codes). */
export function finishedLine(
  lang: Lang,
  row: SubmissionRow,
  durationMs: number,
  done: number,
  total: number,
): string {
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  if (row.status === "error") return `${counter} ${row.id}  ${word(lang, "error")}: ${row.error ?? ""}`;
  const how = row.reused ? word(lang, "reused") : `${word(lang, "graded")}, ${clock(durationMs)}`;
  return `${counter} ${row.id}  ${row.score}/${row.maxScore}  (${how})`;
}

/** The plain view: a line per finished submission. */
export function plainProgress(lang: Lang, write: (text: string) => void): BatchProgress {
  let total = 0;
  let done = 0;
  return {
    start: (n) => {
      total = n;
    },
    phase: () => {},
    finished: (row, durationMs) => {
      done++;
      write(`${finishedLine(lang, row, durationMs, done, total)}\n`);
    },
    end: () => {},
  };
}

interface Running {
  phase: string;
  since: number;
}

/**
 * The live view for a terminal: a status line (done, running, not graded, elapsed, an estimate of the
 * rest) and one line per running submission with the check it is at; finished submissions scroll above
 * it as plain lines. Redrawn at most four times a second.
 */
export function liveProgress(
  lang: Lang,
  write: (text: string) => void,
  options: { columns?: () => number; now?: () => number; concurrency: number },
): BatchProgress {
  const now = options.now ?? Date.now;
  const running = new Map<string, Running>();
  const durations: number[] = [];
  let total = 0;
  let failed = 0;
  let drawn = 0;
  let started = now();
  let timer: NodeJS.Timeout | undefined;
  const width = () => Math.max(40, (options.columns?.() ?? 100) - 1);
  const clip = (line: string) => (line.length > width() ? `${line.slice(0, width() - 1)}…` : line);
  const clear = () => (drawn > 0 ? `\x1b[${drawn}F\x1b[J` : "");
  const draw = () => {
    const elapsed = now() - started;
    const average = durations.length > 0 ? durations.reduce((a, b) => a + b, 0) / durations.length : 0;
    const remaining = total - durations.length;
    const eta =
      average > 0
        ? ` · ${renderMessage(WORDS, "left", lang, { t: clock((remaining * average) / options.concurrency) })}`
        : "";
    const lines = [
      `${word(lang, "done")} ${durations.length}/${total} · ${word(lang, "running")} ${running.size} · ${word(lang, "failed")} ${failed} · ${word(lang, "elapsed")} ${clock(elapsed)}${eta}`,
      ...[...running].map(
        ([id, r]) => `  ${id} — ${describePhase(lang, r.phase)} (${clock(now() - r.since)})`,
      ),
    ].map(clip);
    write(`${clear()}${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  return {
    start: (n) => {
      total = n;
      started = now();
      draw();
      timer = setInterval(draw, 250);
      timer.unref();
    },
    phase: (id, phase) => {
      const current = running.get(id);
      running.set(id, { phase, since: current && current.phase === phase ? current.since : now() });
    },
    finished: (row, durationMs) => {
      running.delete(row.id);
      durations.push(durationMs);
      if (row.status === "error") failed++;
      write(`${clear()}${clip(finishedLine(lang, row, durationMs, durations.length, total))}\n`);
      drawn = 0;
      draw();
    },
    end: () => {
      if (timer) clearInterval(timer);
      write(clear());
      drawn = 0;
    },
  };
}
