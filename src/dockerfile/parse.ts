import {
  DockerfileParser,
  type From,
  type Instruction,
  Keyword,
  type PropertyInstruction,
} from "dockerfile-ast";
import { expandVariables } from "./environment.js";
import { type ImageRef, parseImageRef } from "./image-ref.js";
import type { DfInstruction } from "./instruction.js";

export type { DfInstruction };

export interface DfStage {
  index: number;
  from: DfInstruction;
  /** The image named by FROM, build arguments declared before the first FROM expanded. */
  image: ImageRef;
  alias?: string;
  /** The earlier stage this one is built on (`FROM builder`), if any. */
  parent?: number;
  /** The instructions after FROM. */
  instructions: DfInstruction[];
}

export interface ParsedDockerfile {
  stages: DfStage[];
  /**
   * The stages whose layers and settings make up the final image: the last stage and those it is built
   * FROM, oldest first. Rules judge these (a builder stage only matters through what is copied out of it).
   */
  lineage: DfStage[];
  /** The instructions of the lineage in build order, each stage's FROM included. */
  steps: DfInstruction[];
  /** The real base image of the final image (the lineage's first FROM). */
  base: DfStage;
  /**
   * The other stages whose files reach the final image through `COPY --from=<stage>` (directly or through
   * another such stage), each with the steps of its own lineage: a builder that installs the dependencies.
   */
  builders: Array<{ stage: DfStage; steps: DfInstruction[] }>;
}

export type Unreadable =
  | { reason: "empty" }
  | { reason: "encoding"; encoding: string }
  | { reason: "unknownInstruction"; line: number; word: string }
  | { reason: "noFrom"; line: number; word: string }
  | { reason: "badFrom"; line: number }
  | { reason: "tooManyInstructions"; count: number; max: number };

export type ParseResult = { ok: true; dockerfile: ParsedDockerfile } | { ok: false; problem: Unreadable };

const KEYWORDS = new Set<string>(Object.values(Keyword));

/**
 * The most instructions read: a course Dockerfile has about ten, and every rule's work grows with the
 * count, so a Dockerfile far past this is refused before it is parsed.
 */
export const MAX_INSTRUCTIONS = 400;
const JSON_FORMS = new Set(["CMD", "ENTRYPOINT", "RUN", "SHELL", "COPY", "ADD"]);

/**
 * Parses a Dockerfile with dockerfile-ast, or says why Docker could not build from it: an empty file,
 * UTF-16 (what Windows PowerShell's `echo >` writes), an unknown instruction, no FROM first.
 */
export function parseDockerfile(input: Buffer | string): ParseResult {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    const encoding = badEncoding(input);
    if (encoding) return { ok: false, problem: { reason: "encoding", encoding } };
    text = input.toString("utf8");
  }
  let result = recent.get(text);
  if (!result) {
    result = parseText(text);
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
    recent.set(text, result);
  }
  return result;
}

/**
 * The latest parses, by text: one submission's checks parse the same Dockerfile about ten times (each
 * Dockerfile rule's check, the layers, the build's policy), and a class grades several at once. A parse
 * depends on the text alone and its users only read it.
 */
const recent = new Map<string, ParseResult>();
const RECENT = 32;

function parseText(text: string): ParseResult {
  const count = countInstructionLines(text);
  if (count > MAX_INSTRUCTIONS)
    return { ok: false, problem: { reason: "tooManyInstructions", count, max: MAX_INSTRUCTIONS } };
  const instructions = DockerfileParser.parse(text.replace(/^\uFEFF/, "")).getInstructions();
  if (instructions.length === 0) return { ok: false, problem: { reason: "empty" } };
  const unknown = instructions.find((i) => !KEYWORDS.has(i.getKeyword()));
  if (unknown) {
    const word = unknown.getInstruction();
    return { ok: false, problem: { reason: "unknownInstruction", line: lineOf(unknown), word } };
  }
  const first = instructions.find((i) => i.getKeyword() !== "ARG") as Instruction;
  if (first.getKeyword() !== "FROM") {
    return { ok: false, problem: { reason: "noFrom", line: lineOf(first), word: first.getInstruction() } };
  }
  const globalArgs: Record<string, string> = {};
  const stages: DfStage[] = [];
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    const stage = stages.at(-1);
    if (keyword === "ARG" && !stage) {
      for (const p of properties(instruction)) if (p.value !== null) globalArgs[p.name] = p.value;
      continue;
    }
    const reduced = reduce(instruction, keyword === "FROM" ? stages.length : (stage?.index ?? 0));
    if (keyword !== "FROM") {
      stage?.instructions.push(reduced);
      continue;
    }
    const from = instruction as From;
    const written = from.getImage();
    if (!written) return { ok: false, problem: { reason: "badFrom", line: reduced.line } };
    const image = parseImageRef(expandVariables(written, globalArgs));
    const alias = from.getBuildStage()?.toLowerCase() ?? undefined;
    const parent = stages.findIndex((s) => s.alias !== undefined && s.alias === image.written.toLowerCase());
    stages.push({
      index: stages.length,
      from: reduced,
      image,
      ...(alias ? { alias } : {}),
      ...(parent >= 0 ? { parent } : {}),
      instructions: [],
    });
  }
  const lineage = lineageOf(stages, stages.at(-1) as DfStage);
  const steps = stepsOf(lineage);
  const builders = copiedStages(stages, lineage).map((stage) => ({
    stage,
    steps: stepsOf(lineageOf(stages, stage)),
  }));
  return { ok: true, dockerfile: { stages, lineage, steps, base: lineage[0] as DfStage, builders } };
}

/** A stage and those it is built FROM, oldest first. */
function lineageOf(stages: readonly DfStage[], last: DfStage): DfStage[] {
  const lineage: DfStage[] = [];
  for (let s: DfStage | undefined = last; s; s = s.parent === undefined ? undefined : stages[s.parent])
    lineage.unshift(s);
  return lineage;
}

function stepsOf(lineage: readonly DfStage[]): DfInstruction[] {
  return lineage.flatMap((s) => [s.from, ...s.instructions]);
}

/**
 * The stages outside `lineage` that it copies files from (`COPY --from=builder`, `--from=0`), and those
 * these copy from in turn; each stands with its own lineage (see `builders`).
 */
function copiedStages(stages: readonly DfStage[], lineage: readonly DfStage[]): DfStage[] {
  const reached = new Set<DfStage>(lineage);
  const sources = new Set<DfStage>();
  const queue = [...lineage];
  for (let stage = queue.shift(); stage; stage = queue.shift()) {
    for (const step of stage.instructions) {
      const from = step.keyword === "COPY" ? step.flags.from?.toLowerCase() : undefined;
      if (!from) continue;
      const source = /^\d+$/.test(from) ? stages[Number(from)] : stages.find((s) => s.alias === from);
      if (!source || source.index >= stage.index) continue;
      sources.add(source);
      for (const s of lineageOf(stages, source))
        if (!reached.has(s)) {
          reached.add(s);
          queue.push(s);
        }
    }
  }
  const inLineage = new Set(lineage);
  return [...sources].filter((s) => !inLineage.has(s)).sort((a, b) => a.index - b.index);
}

function reduce(instruction: Instruction, stage: number): DfInstruction {
  const keyword = instruction.getKeyword();
  const text = (instruction.getArgumentsContent() ?? "").trim();
  const flags: Record<string, string | null> = {};
  const flagged = instruction as Instruction & {
    getFlags?: () => Array<{ getName(): string; getValue(): string | null }>;
  };
  for (const flag of flagged.getFlags?.() ?? []) flags[flag.getName()] = flag.getValue();
  const reduced: DfInstruction = {
    keyword,
    line: lineOf(instruction),
    text,
    args: instruction.getArguments().map((a) => a.getValue()),
    flags,
    properties: properties(instruction),
    stage,
  };
  if (JSON_FORMS.has(keyword) && text.startsWith("[")) {
    const exec = jsonArray(text);
    if (exec) reduced.exec = exec;
    else reduced.brokenJson = true;
  }
  if (!reduced.exec && (keyword === "RUN" || keyword === "CMD" || keyword === "ENTRYPOINT"))
    reduced.script = heredocBody(text) ?? text;
  return reduced;
}

function properties(instruction: Instruction): DfInstruction["properties"] {
  const keyword = instruction.getKeyword();
  if (keyword !== "ENV" && keyword !== "ARG" && keyword !== "LABEL") return [];
  return (instruction as PropertyInstruction)
    .getProperties()
    .map((p) => ({ name: p.getName(), value: p.getValue() }));
}

/** Docker's own test: the arguments are exec form exactly when they parse as a JSON array of strings. */
function jsonArray(text: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  } catch {
    // not JSON: shell form
  }
  return undefined;
}

/** `<<EOF` ... `EOF`: the lines between the marker and the terminator. */
function heredocBody(text: string): string | undefined {
  const marker = /^<<-?(["']?)(\w+)\1[^\n]*\n/.exec(text);
  if (!marker) return undefined;
  const lines = text.slice(marker[0].length).split(/\r?\n/);
  const end = lines.findIndex((line) => line.trim() === marker[2]);
  return lines.slice(0, end < 0 ? undefined : end).join("\n");
}

/** Lines that start with an instruction keyword: at least as many as the instructions (one linear scan). */
export function countInstructionLines(text: string): number {
  let count = 0;
  for (const match of text.matchAll(/^[ \t]*([A-Za-z]+)(?=[ \t]|$)/gm))
    if (KEYWORDS.has((match[1] as string).toUpperCase())) count++;
  return count;
}

function badEncoding(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "UTF-16 LE";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "UTF-16 BE";
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return "UTF-16 LE";
  if (bytes.includes(0)) return "binary";
  return undefined;
}

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}
