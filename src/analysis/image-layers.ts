import { canonicalReference, parseImageReference } from "./image-reference.js";

/** One `docker history` entry as the engine returns it (newest first). */
export interface HistoryEntry {
  Id: string;
  CreatedBy: string;
  Tags: readonly string[] | null;
  Size: number;
  Comment: string;
}

/** A Dockerfile instruction, as far as the layer table needs it. */
export interface LayerStep {
  keyword: string;
  text: string;
  line: number;
}

/** One layer of the image, described for people. */
export interface Layer {
  /** 1 for the oldest (bottom) layer, as the Dockerfile reads; `docker history` lists newest first. */
  position: number;
  /** The Dockerfile instruction (`COPY app.py .`) when the layer could be matched to it, else `createdBy`. */
  instruction: string;
  /** `CreatedBy` cleaned of the builder's wrapping (`/bin/sh -c #(nop) `...). */
  createdBy: string;
  size: number;
  /** The layer comes from the base image, not from the student's Dockerfile. */
  base: boolean;
  /** The Dockerfile line of the instruction, when matched. */
  line?: number;
}

export interface LayerTable {
  /** Newest first, like `docker history`. */
  layers: Layer[];
  /**
   * How the base image's layers were told apart: by the base's tag on its top entry (the engine shows the
   * tags of every local image in the history), by counting the Dockerfile's instructions, or not at all.
   */
  baseFound: "tag" | "dockerfile" | "none";
  /** Bytes of the base image's layers, when found. */
  baseBytes?: number;
}

export interface LayerTableOptions {
  /** References the base may carry (`python:3.12-slim`): the FROM line, or a rubric parameter. */
  baseRefs?: readonly string[];
  /** The final image's instructions in build order, FROM lines left out (each made one history entry). */
  steps?: readonly LayerStep[];
}

const KEYWORDS = new Set(
  "ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL STOPSIGNAL USER VOLUME WORKDIR".split(
    " ",
  ),
);

// `[RUN ][|N A=1 B=2 ]/bin/sh -c BODY`: the classic builder's and BuildKit's ways of recording a step.
const WRAPPED = /^(?:RUN\s+)?(?:\|\d+(?:\s+[A-Za-z_]\w*=\S*)*\s+)?\/bin\/(?:ba)?sh\s+-c\s+(.*)$/s;

/**
 * `CreatedBy` as the instruction that made it: `/bin/sh -c #(nop)  EXPOSE 5000` is `EXPOSE 5000`,
 * `/bin/sh -c pip install x` is `RUN pip install x`, BuildKit's `RUN /bin/sh -c ... # buildkit` is
 * `RUN ...`. An imported layer has none: "".
 */
export function cleanCreatedBy(createdBy: string): string {
  const text = createdBy.trim().replace(/\s*#\s*buildkit$/, "");
  if (text === "") return "";
  const wrapped = WRAPPED.exec(text);
  if (wrapped) {
    const body = (wrapped[1] as string).trim();
    const nop = /^#\(nop\)\s*(.*)$/s.exec(body);
    return nop ? (nop[1] as string).trim() : `RUN ${body}`;
  }
  return KEYWORDS.has(text.split(/\s/, 1)[0] as string) ? text : `RUN ${text}`;
}

/** The instruction keyword a cleaned `CreatedBy` starts with (`RUN`, `COPY`...), "" for none. */
function keywordOf(cleaned: string): string {
  const word = cleaned.split(/\s/, 1)[0] ?? "";
  return KEYWORDS.has(word) ? word : "";
}

/**
 * The image's layers, each told as base or student layer and, when the history and the Dockerfile line
 * up (the classic builder records one entry per instruction), named by the Dockerfile's own text.
 */
export function layerTable(history: readonly HistoryEntry[], options: LayerTableOptions = {}): LayerTable {
  const cleaned = history.map((entry) => cleanCreatedBy(entry.CreatedBy));
  const steps = options.steps ?? [];
  const lineUp = (count: number) =>
    count === steps.length &&
    steps.every((step, i) => keywordOf(cleaned[count - 1 - i] as string) === step.keyword.toUpperCase());
  let studentCount: number | undefined = tagBoundary(history, options.baseRefs ?? []);
  let baseFound: LayerTable["baseFound"] = "tag";
  if (
    studentCount === undefined &&
    steps.length > 0 &&
    steps.length < history.length &&
    lineUp(steps.length)
  ) {
    studentCount = steps.length;
    baseFound = "dockerfile";
  }
  if (studentCount === undefined) baseFound = "none";
  const named = studentCount !== undefined && lineUp(studentCount);
  const layers = history.map((entry, i): Layer => {
    const createdBy = cleaned[i] as string;
    const base = studentCount !== undefined && i >= studentCount;
    const step = named && !base ? steps[(studentCount as number) - 1 - i] : undefined;
    return {
      position: history.length - i,
      instruction: step
        ? `${step.keyword.toUpperCase()} ${step.text}`
        : createdBy || `(${entry.Comment.trim() || "no instruction"})`,
      createdBy,
      size: entry.Size,
      base,
      ...(step ? { line: step.line } : {}),
    };
  });
  const table: LayerTable = { layers, baseFound };
  if (studentCount !== undefined)
    table.baseBytes = layers.filter((l) => l.base).reduce((sum, l) => sum + l.size, 0);
  return table;
}

/** How many entries, from the newest, come before the one that carries one of `refs` as a tag. */
function tagBoundary(history: readonly HistoryEntry[], refs: readonly string[]): number | undefined {
  const wanted = new Set(refs.map(canonical).filter((r): r is string => r !== undefined));
  if (wanted.size === 0) return undefined;
  const index = history.findIndex((entry) =>
    (entry.Tags ?? []).some((tag) => wanted.has(canonical(tag) ?? "")),
  );
  return index >= 0 ? index : undefined;
}

function canonical(text: string): string | undefined {
  const parsed = parseImageReference(text);
  return parsed ? canonicalReference(parsed) : undefined;
}

/** A layer's instruction for a one-line message: long RUN scripts cut, base layers marked `[FROM base]`. */
export function layerLabel(layer: Layer, baseRef?: string, max = 80): string {
  const flat = layer.instruction.replace(/\s+/g, " ").trim();
  const text = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return layer.base ? `[FROM ${baseRef ?? "base"}] ${text}` : text;
}

/** The `top` heaviest layers, heaviest first; empty layers (metadata, 0 B) are never among them. */
export function topLayers(layers: readonly Layer[], top: number): Layer[] {
  return layers
    .filter((layer) => layer.size > 0)
    .sort((a, b) => b.size - a.size || a.position - b.position)
    .slice(0, top);
}

/** `docker history` → its `top` heaviest layers, each named by its instruction. */
export function heaviestLayers(
  history: readonly HistoryEntry[],
  top: number,
  options: LayerTableOptions = {},
): Layer[] {
  return topLayers(layerTable(history, options).layers, top);
}
