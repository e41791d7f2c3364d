import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Lang } from "../i18n/text.js";
import { toolVersion } from "../package-info.js";
import { finalizeClass } from "./finalize.js";
import { InputError } from "./inputs.js";
import { batchText } from "./messages.js";
import { type BatchManifest, readManifest, readResult, saveManifest, studentDir } from "./store.js";
import type { ClassSummary, SimilarityDoc } from "./types.js";

export interface MergeOptions {
  dirs: string[];
  outDir: string;
  /** Language of the errors raised before a shard's manifest is read. */
  lang: Lang;
  baseDocs?: SimilarityDoc[];
  referenceDocs?: SimilarityDoc[];
  now?: () => Date;
}

/**
 * Combines the output folders of a class's shards into one: every student's folder is copied from the
 * shard that graded it, then grades.csv, summary.json and index.html are rendered for the whole class —
 * the same files one unsharded run writes. Shards must share the rubric and the language.
 */
export async function mergeShards(
  options: MergeOptions,
): Promise<{ summary: ClassSummary; missing: string[] }> {
  const shards: Array<{ dir: string; manifest: BatchManifest }> = [];
  for (const dir of options.dirs) {
    const manifest = await readManifest(dir);
    if (!manifest) throw new InputError(batchText(options.lang, "mergeNothing", { dir }));
    shards.push({ dir: path.resolve(dir), manifest });
  }
  const first = shards[0];
  if (!first) throw new InputError(batchText(options.lang, "mergeNothing", { dir: "-" }));
  const lang = first.manifest.lang;
  const identity = (m: BatchManifest) => `${m.rubric.id} ${m.rubric.digest.slice(0, 12)} ${m.lang}`;
  for (const shard of shards.slice(1)) {
    if (identity(shard.manifest) !== identity(first.manifest)) {
      throw new InputError(
        batchText(lang, "mergeRubric", {
          dir: shard.dir,
          found: identity(shard.manifest),
          first: first.dir,
          expected: identity(first.manifest),
        }),
      );
    }
  }
  const outDir = path.resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const entries = unionEntries(shards.map((s) => s.manifest));
  const missing: string[] = [];
  for (const entry of entries) {
    const holder = await findHolder(shards, entry.id);
    if (!holder) {
      missing.push(entry.id);
      continue;
    }
    if (holder !== outDir) {
      await cp(studentDir(holder, entry.id), studentDir(outDir, entry.id), { recursive: true, force: true });
    }
  }
  const { shard: _shard, ...rest } = first.manifest;
  const manifest: BatchManifest = { ...rest, entries };
  await saveManifest(outDir, manifest);
  const summary = await finalizeClass(outDir, manifest, {
    baseDocs: options.baseDocs,
    referenceDocs: options.referenceDocs,
    toolVersion: toolVersion(),
    now: (options.now ?? (() => new Date()))(),
  });
  return { summary, missing };
}

/** Every shard lists the whole class; the union keeps the first shard's order (the roster's). */
function unionEntries(manifests: BatchManifest[]): BatchManifest["entries"] {
  const seen = new Map<string, BatchManifest["entries"][number]>();
  for (const manifest of manifests)
    for (const entry of manifest.entries) if (!seen.has(entry.id)) seen.set(entry.id, entry);
  return [...seen.values()];
}

/** The shard folder holding a result for this student: the one whose slice it is, else any that has it. */
async function findHolder(
  shards: Array<{ dir: string; manifest: BatchManifest }>,
  id: string,
): Promise<string | undefined> {
  const ordered = [...shards].sort((a, b) => owns(b.manifest, id) - owns(a.manifest, id));
  for (const shard of ordered) if (await readResult(shard.dir, id)) return shard.dir;
  return undefined;
}

function owns(manifest: BatchManifest, id: string): number {
  if (!manifest.shard) return 0;
  const position = manifest.entries.findIndex((entry) => entry.id === id);
  return position % manifest.shard.count === manifest.shard.index - 1 ? 1 : 0;
}
