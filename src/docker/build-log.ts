/** One `Step i/n : INSTRUCTION` of a classic-builder build, with the last lines it printed. */
export interface BuildStep {
  index: number;
  total: number;
  instruction: string;
  cached: boolean;
  lines: string[];
}

export interface BuildStepRef {
  index: number;
  total: number;
  /** The instruction as the builder printed it: `RUN pip install -r requirements.txt`. */
  instruction: string;
}

/** What a running build is doing, for a progress display: a step starts, prints a line, or the build ends. */
export type BuildProgress =
  | { kind: "step"; step: BuildStepRef }
  | { kind: "output"; line: string }
  | { kind: "end"; ok: boolean };

export interface BuildLog {
  steps: BuildStep[];
  /** The daemon's error (`COPY failed: ...`, `The command '/bin/sh -c ...' returned a non-zero code: 1`). */
  error?: string;
  /** The step that was running when the error came; absent for errors before any step (parse errors). */
  failingStep?: BuildStepRef;
  /** The last lines of the failing step's output (or of the whole build when no step ran). */
  lastLines: string[];
  /** The last lines of the whole build, for a successful build's log. */
  tail: string[];
  imageId?: string;
  /** Intermediate images this build created (not taken from the cache, not a base image), oldest first. */
  createdImages: string[];
  /** The intermediate container of the step still running, if any (to remove after an abort). */
  runningContainer?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes (stderr of RUN) start with ESC.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const ARROW = /^ ---> (.*)$/;

/** The longest build-output line kept (its end: what a progress bar left on screen); memory stays bounded. */
export const MAX_LINE = 4096;
/** The longest engine message read; a longer one (never sent by a sane engine) is dropped. */
export const MAX_MESSAGE = 4 * 1024 * 1024;

/**
 * Reads the JSON messages of a classic-builder build (`stream`, `error`, `errorDetail`, `aux`) as they
 * come. `hiddenSteps` trailing steps are the builder's own (the LABEL step that `labels` adds) and are
 * left out of the totals students see.
 */
export class BuildLogParser {
  private readonly steps: BuildStep[] = [];
  private readonly tail: string[] = [];
  private readonly created: string[] = [];
  private readonly containers: string[] = [];
  private pending = "";
  private error?: string;
  private failing?: BuildStepRef;
  private imageId?: string;
  private running?: string;
  private studentStep = false;

  constructor(
    private readonly keepLines = 20,
    private readonly hiddenSteps = 0,
    private readonly onProgress?: (event: BuildProgress) => void,
  ) {}

  push(message: unknown): void {
    if (!message || typeof message !== "object") return;
    const { stream, error, errorDetail, aux } = message as Record<string, unknown>;
    if (typeof stream === "string") this.text(stream);
    const detail = (errorDetail as { message?: unknown } | undefined)?.message;
    const text = typeof detail === "string" ? detail : typeof error === "string" ? error : undefined;
    if (text !== undefined && this.error === undefined) {
      this.flush();
      this.error = text.replace(ANSI, "").trim();
      this.failing = this.current() && this.ref(this.current() as BuildStep);
      this.onProgress?.({ kind: "end", ok: false });
    }
    const id = (aux as { ID?: unknown } | undefined)?.ID;
    if (typeof id === "string") this.imageId = id;
  }

  /** The step container running now, as announced so far (for the build's watch). */
  get runningContainer(): string | undefined {
    return this.running;
  }

  /** The intermediate images created so far, oldest first. */
  get createdImages(): readonly string[] {
    return this.created;
  }

  result(): BuildLog {
    this.flush();
    const failingLines = this.failing ? this.current()?.lines : undefined;
    return {
      steps: this.steps.map((step) => ({ ...step, lines: [...step.lines] })),
      ...(this.error !== undefined ? { error: this.error } : {}),
      ...(this.failing ? { failingStep: this.failing } : {}),
      lastLines: [...(failingLines ?? this.tail)],
      tail: [...this.tail],
      ...(this.imageId ? { imageId: this.imageId } : {}),
      createdImages: [...this.created],
      ...(this.running ? { runningContainer: this.running } : {}),
    };
  }

  /** Only the new chunk is searched for line ends, and a line without one keeps its last MAX_LINE characters. */
  /** The step containers and intermediate images seen so far (for the run's lease: gc finds them after a crash). */
  objects(): { containers: readonly string[]; images: readonly string[] } {
    return { containers: this.containers, images: this.created };
  }

  private text(chunk: string): void {
    const lines = chunk.split("\n");
    const rest = lines.pop() ?? "";
    for (const line of lines) {
      this.line(this.pending + line);
      this.pending = "";
    }
    this.pending += rest;
    if (this.pending.length > 2 * MAX_LINE) this.pending = `…${this.pending.slice(-MAX_LINE)}`;
  }

  private flush(): void {
    if (this.pending) this.line(this.pending);
    this.pending = "";
  }

  private line(raw: string): void {
    // Progress bars redraw with \r: only what is left on screen counts.
    const line = (
      raw
        .split("\r")
        .filter((part) => part.trim() !== "")
        .pop() ?? ""
    )
      .replace(ANSI, "")
      .trimEnd();
    if (line === "") return;
    const step = STEP.exec(line);
    if (step) {
      const started: BuildStep = {
        index: Number(step[1]),
        total: Math.max(Number(step[2]) - this.hiddenSteps, Number(step[1])),
        instruction: step[3] ?? "",
        cached: false,
        lines: [],
      };
      this.steps.push(started);
      // The builder's own trailing steps (the harness LABEL) are not the student's: not shown.
      this.studentStep = started.index <= Number(step[2]) - this.hiddenSteps;
      if (this.studentStep) this.onProgress?.({ kind: "step", step: this.ref(started) });
      return;
    }
    const current = this.current();
    const arrow = ARROW.exec(line)?.[1];
    if (arrow !== undefined && current) {
      const running = /^Running in ([0-9a-f]+)$/.exec(arrow);
      if (running) {
        this.running = running[1];
        this.containers.push(running[1] as string);
      } else if (arrow === "Using cache") current.cached = true;
      else if (/^[0-9a-f]{12,64}$/.test(arrow)) {
        const fromBase = /^FROM\s/i.test(current.instruction);
        if (!current.cached && !fromBase) this.created.push(arrow);
      }
      return;
    }
    const removed = /^Removing intermediate container ([0-9a-f]+)$/.exec(line);
    if (removed) {
      if (removed[1] === this.running) this.running = undefined;
      return;
    }
    const built = /^Successfully built ([0-9a-f]+)$/.exec(line);
    if (built) {
      this.imageId ??= built[1];
      this.onProgress?.({ kind: "end", ok: true });
    } else if (current && this.studentStep) this.onProgress?.({ kind: "output", line });
    if (current) keep(current.lines, line, this.keepLines);
    keep(this.tail, line, this.keepLines);
  }

  private current(): BuildStep | undefined {
    return this.steps[this.steps.length - 1];
  }

  private ref(step: BuildStep): BuildStepRef {
    return { index: step.index, total: step.total, instruction: step.instruction };
  }
}

function keep(lines: string[], line: string, max: number): void {
  lines.push(line);
  if (lines.length > max) lines.splice(0, lines.length - max);
}

/** Splits the engine's newline-delimited JSON, however the chunks cut it; bad lines are kept as text. */
export class JsonLines {
  private pending: string[] = [];
  private pendingLength = 0;
  private dropping = false;

  /** Linear in the input: only the new chunk is searched for line ends. */
  push(chunk: string): unknown[] {
    const lines = chunk.split("\n");
    const rest = lines.pop() ?? "";
    const out: unknown[] = [];
    for (const line of lines) {
      out.push(...this.take(line));
    }
    this.add(rest);
    return out;
  }

  end(): unknown[] {
    return this.take("");
  }

  private add(part: string): void {
    if (this.dropping || part === "") return;
    this.pending.push(part);
    this.pendingLength += part.length;
    if (this.pendingLength > MAX_MESSAGE) {
      this.pending = [];
      this.pendingLength = 0;
      this.dropping = true;
    }
  }

  private take(last: string): unknown[] {
    this.add(last);
    const dropped = this.dropping;
    const line = this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    this.dropping = false;
    return dropped
      ? [{ stream: "[dockgrade: an over-long build message was left out]\n" }]
      : this.parse(line);
  }

  private parse(line: string): unknown[] {
    const trimmed = line.trim();
    if (!trimmed) return [];
    try {
      return [JSON.parse(trimmed)];
    } catch {
      return [{ stream: `${trimmed}\n` }];
    }
  }
}

/** Parses a whole recorded build (one JSON message per line). */
export function parseBuildOutput(ndjson: string, keepLines = 20, hiddenSteps = 0): BuildLog {
  const splitter = new JsonLines();
  const parser = new BuildLogParser(keepLines, hiddenSteps);
  for (const message of [...splitter.push(ndjson), ...splitter.end()]) parser.push(message);
  return parser.result();
}
