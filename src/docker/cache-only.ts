import { createHash } from "node:crypto";
import type { DfInstruction, ParsedDockerfile } from "../dockerfile/parse.js";
import type { BuildOutcome } from "./build.js";

/** Reads a file of the build context (the submission's safe reader); undefined when it is not a file. */
export type ReadContextFile = (relPath: string) => Promise<Buffer | undefined>;

/** A file a COPY or ADD may copy whose content keys the steps: a literal path, no pattern, no folder. */
const LITERAL_FILE = /^(?!\.{0,2}\/?$)[^*?[\]$\\]+(?<!\/)$/;

/**
 * What the engine's layer cache reuses a build's RUN steps by, as far as it can be told before building:
 * the instructions in file order up to the last RUN (their text, flags and heredocs), and the content of
 * each file a COPY or ADD among them copies from the context. `none` when the Dockerfile has no RUN step
 * (nothing to run: no sandbox is ever needed); undefined when a step copies something this cannot name (a
 * folder, `.`, a pattern, a variable, a file that is not there): such a RUN step's layer is, in practice,
 * the submission's own. Two builds with one key reuse each other's RUN layers (same engine, same base).
 * `buildArgs`: whether the build is given build args (the index-only proxy's): the classic builder keys RUN
 * steps by that too, not by those predefined args' values.
 */
export async function runStepsKey(
  dockerfile: Pick<ParsedDockerfile, "stages">,
  read: ReadContextFile,
  options: { buildArgs: boolean },
): Promise<string | "none" | undefined> {
  const all = dockerfile.stages.flatMap((stage) => [stage.from, ...stage.instructions]);
  const last = all.findLastIndex((instruction) => instruction.keyword === "RUN");
  if (last < 0) return "none";
  const hash = createHash("sha256").update(options.buildArgs ? "build args\0" : "no build args\0");
  for (const instruction of all.slice(0, last + 1)) {
    const { keyword, flags, text, script } = instruction;
    hash.update(JSON.stringify([keyword, flags, text, script ?? null]));
    if ((keyword === "COPY" || keyword === "ADD") && !flags.from) {
      for (const source of copiedSources(instruction)) {
        if (!LITERAL_FILE.test(source)) return undefined;
        const bytes = await read(source);
        if (!bytes) return undefined;
        hash.update(`\0${source}\0`).update(createHash("sha256").update(bytes).digest("hex"));
      }
    }
  }
  return hash.digest("hex");
}

/** The sources of a COPY or ADD: every argument but the destination (exec form or not). */
function copiedSources(instruction: DfInstruction): string[] {
  const args = instruction.exec ?? instruction.args;
  return args.slice(0, -1).map((arg) => arg.replace(/^["']|["']$/g, ""));
}

/**
 * What the outcome of a build tried cache-only (its step containers given the network `nowhere`, which does
 * not exist) means. `final`: built, or stopped for a reason a sandbox would not change (a COPY of a missing
 * file, a parse error, a context too large, a timeout, a cancel) — the build's outcome. `run`: the engine
 * refused to start a step on `nowhere`, so a RUN step had to run: build again in the sandbox. `refused early`:
 * the same, but the engine refused `nowhere` at a step that starts nothing (or before any step): it checks a
 * step container's network when the container is created, so every try would fail there.
 */
export function cacheOnlyVerdict(outcome: BuildOutcome, nowhere: string): "final" | "run" | "refused early" {
  if (outcome.ok || !outcome.message.includes(nowhere)) return "final";
  // ONBUILD triggers of the base image run under its FROM step.
  return /^(RUN|FROM)\s/i.test(outcome.failingStep?.instruction ?? "") ? "run" : "refused early";
}
