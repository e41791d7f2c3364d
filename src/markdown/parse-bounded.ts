import { Worker } from "node:worker_threads";
import type { Root } from "mdast";
import { parseMarkdown } from "./parse.js";

/** Texts up to this size parse on the main thread (a few hundred milliseconds at most). */
export const IN_THREAD_CHARS = 16 * 1024;

export interface ParseLimits {
  /** Wall-clock budget of one parse in its worker; default 45 s. */
  timeoutMs?: number;
  /** Heap of the worker; default 1 GiB. */
  maxMemoryMb?: number;
}

export type BoundedParse = { ok: true; root: Root } | { ok: false; reason: "too-complex" };

/**
 * Parses Markdown without ever blocking the process: a large text (a 2 MB README costs about 15 s of
 * CPU) is parsed in a worker thread with a time and memory budget, so check deadlines and Ctrl-C keep
 * working; a text that exhausts the budget is `too-complex`. The worker never keeps the process alive.
 */
export function parseMarkdownBounded(text: string, limits: ParseLimits = {}): Promise<BoundedParse> {
  if (text.length <= IN_THREAD_CHARS) return Promise.resolve({ ok: true, root: parseMarkdown(text) });
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
