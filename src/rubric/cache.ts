import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "../report/atomic-write.js";
import type { RubricLoad } from "./load.js";
import type { GraderSchemas } from "./rules.js";
import type { Rubric } from "./types.js";

/** Bumped when what an entry holds changes shape. */
const FORMAT = 1;
const ASSIGNMENT_FILES = ["assignment.yaml", "assignment.yml"];

/**
 * The user's cache folder for dockgrade: `DOCKGRADE_CACHE_DIR`, else `$XDG_CACHE_HOME/dockgrade`, else
 * `~/.cache/dockgrade`; never inside a graded repository. `DOCKGRADE_CACHE_DIR=off` turns the cache off.
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.DOCKGRADE_CACHE_DIR === "off") return undefined;
  if (env.DOCKGRADE_CACHE_DIR) return path.resolve(env.DOCKGRADE_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), ".cache");
  return path.join(base, "dockgrade");
}

interface Entry {
  format: number;
  /** Every file the load depended on, with the digest of its content (`null`: the file did not exist). */
  files: Array<[string, string | null]>;
  rubric: Rubric;
}

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

async function digestOf(file: string): Promise<string | null> {
  return readFile(file).then(sha256, () => null);
}

/**
 * `loadRubric`, remembered in `folder` (see `cacheFolder`) once it succeeds: the next load of the same
 * folder reads the validated rubric back instead of parsing and validating its YAML, as long as no file it
 * was read from has changed (nor which assignment file comes first), nor dockgrade's version, Node's, or any
 * grader's parameter schema. A rubric with problems is never remembered: it is reported as `loadRubric`
 * reports it. A cache that cannot be read or written is ignored.
 */
/**
 * The loader is imported when the cache has no answer: with a cached rubric, the YAML parser and the
 * validators (yaml, ajv) are never loaded (a `check` spent about 15 ms of CPU evaluating them for nothing).
 */
async function loadRubric(dir: string, registry: GraderSchemas): Promise<RubricLoad> {
  return (await import("./load.js")).loadRubric(dir, registry);
}

export async function loadRubricCached(
  dir: string,
  registry: GraderSchemas,
  options: { folder: string | undefined; toolVersion: string },
): Promise<RubricLoad> {
  if (!options.folder) return loadRubric(dir, registry);
  const root = path.resolve(dir);
  const schemas = [...registry].map(([id, grader]) => [id, grader.params]);
  const key = sha256(JSON.stringify([FORMAT, options.toolVersion, process.version, root, schemas]));
  const file = path.join(options.folder, "rubrics", `${key}.json`);
  const cached = await readEntry(file);
  if (cached) return { ok: true, rubric: cached };
  const loaded = await loadRubric(dir, registry);
  if (loaded.ok) {
    const sources = [
      ...ASSIGNMENT_FILES.map((name) => path.join(root, name)),
      ...loaded.rubric.steps.map((step) => step.file),
    ];
    const files = await Promise.all(sources.map(async (source) => [source, await digestOf(source)] as const));
    const entry: Entry = { format: FORMAT, files: files.map(([f, d]) => [f, d]), rubric: loaded.rubric };
    await writeFileAtomic(file, JSON.stringify(entry)).catch(() => undefined);
  }
  return loaded;
}

/** The rubric of an entry whose files are all unchanged; nothing when it is missing, stale or unreadable. */
async function readEntry(file: string): Promise<Rubric | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, "utf8")) as Entry;
    if (entry.format !== FORMAT || !Array.isArray(entry.files) || typeof entry.rubric?.digest !== "string")
      return undefined;
    for (const [source, digest] of entry.files) if ((await digestOf(source)) !== digest) return undefined;
    return entry.rubric;
  } catch {
    return undefined;
  }
}
