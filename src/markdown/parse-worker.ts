// Runs in a worker thread (parse-bounded.ts): parses one Markdown text and posts the tree back. It loads
// parse.ts or parse.js beside it, whichever this file is (the sources under vitest, dist once built), with
// Node's compile cache on as the main thread has it (a worker does not inherit it).
import module from "node:module";
import { parentPort, workerData } from "node:worker_threads";

module.enableCompileCache?.();
const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
const { parseMarkdown } = (await import(
  new URL(`./parse.${extension}`, import.meta.url).href
)) as typeof import("./parse.js");
parentPort?.postMessage(parseMarkdown(workerData as string));
