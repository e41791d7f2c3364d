import vm from "node:vm";
import type { Root } from "mdast";
import { parseMarkdown } from "./parse.js";

/** Texts up to this size are first parsed on the main thread, under IN_THREAD_MS. */
export const IN_THREAD_CHARS = 64 * 1024;
/**
 * How long a parse may hold the main thread before it is cut and done again in a worker. A real report of
 * 64 KB parses in well under this; hostile Markdown (thousands of unclosed emphasis marks, links and
 * brackets) costs about ten times as long for its size, and megabytes of it seconds. (The parser stops
 * nesting at 100 levels, so no tree is deep enough to overflow a stack.)
 */
export const IN_THREAD_MS = 500;

export interface ParseLimits {
  /** Wall-clock budget of one parse in its worker; default 45 s. */
  timeoutMs?: number;
  /** Heap of the worker; default 1 GiB. */
  maxMemoryMb?: number;
  /** How long the main thread may parse before the worker takes over; default IN_THREAD_MS. */
  inThreadMs?: number;
}

export type BoundedParse = { ok: true; root: Root } | { ok: false; reason: "too-complex" };

/**
 * Parses Markdown without ever blocking the process for long. A text up to IN_THREAD_CHARS is parsed on
 * the main thread, cut after IN_THREAD_MS by V8 (node:vm's watchdog): a worker costs about twice the CPU
 * of the parse itself (a second isolate, the parser's modules loaded again, the tree copied back). A text
 * larger, or one whose parse was cut or threw, is parsed in a worker thread with a time and memory budget
 * (a 2 MB README costs about 15 s of CPU), so check deadlines and Ctrl-C keep working; a text that
 * exhausts that budget is `too-complex`. Either way the tree is the same parser's. The worker never keeps
 * the process alive.
 */
export function parseMarkdownBounded(text: string, limits: ParseLimits = {}): Promise<BoundedParse> {
  if (text.length <= IN_THREAD_CHARS) {
    const root = parseInThread(text, limits.inThreadMs ?? IN_THREAD_MS);
    if (root) return Promise.resolve({ ok: true, root });
  }
  return parseInWorker(text, limits);
}

/** The tree, or undefined when the parse ran out of time (or stack) on the main thread. */
function parseInThread(text: string, timeout: number): Root | undefined {
  try {
    // The timeout covers everything the script calls: V8 terminates the parse wherever it is.
    return vm.runInNewContext("parse()", { parse: () => parseMarkdown(text) }, { timeout }) as Root;
  } catch {
    return undefined;
  }
}

async function parseInWorker(text: string, limits: ParseLimits): Promise<BoundedParse> {
  // Loaded here: most reports are parsed on the main thread (node:worker_threads: about 2 ms to load).
  const { Worker } = await import("node:worker_threads");
  const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const worker = new Worker(new URL(`./parse-worker.${extension}`, import.meta.url), {
    workerData: text,
    resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb ?? 1024 },
  });
  worker.unref();
  return new Promise<BoundedParse>((resolve) => {
    const done = (result: BoundedParse) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    const timer = setTimeout(() => done({ ok: false, reason: "too-complex" }), limits.timeoutMs ?? 45_000);
    timer.unref();
    worker.once("message", (root: Root) => done({ ok: true, root }));
    worker.once("error", () => done({ ok: false, reason: "too-complex" }));
    worker.once("exit", () => done({ ok: false, reason: "too-complex" }));
  });
}
