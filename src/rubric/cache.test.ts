import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Type as T } from "@sinclair/typebox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import type { AnyGrader } from "../grader/contract.js";
import { cacheFolder, loadRubricCached } from "./cache.js";
import { loadRubric } from "./load.js";

let work: string;
let rubric: string;
let folder: string;
const options = () => ({ folder, toolVersion: "1.0.0" });

/** The entry files the cache holds. */
const entries = async () => readdir(path.join(folder, "rubrics")).catch(() => [] as string[]);

/** Rewrites the title of the cached rubric, so that a read from the cache shows. */
async function markCachedTitle(title: string): Promise<void> {
  const [name] = await entries();
  const file = path.join(folder, "rubrics", name ?? "missing");
  const entry = JSON.parse(await readFile(file, "utf8"));
  entry.rubric.assignment.title = title;
  await writeFile(file, JSON.stringify(entry));
}

const titleOf = async (load: ReturnType<typeof loadRubricCached>) => {
  const loaded = await load;
  return loaded.ok ? loaded.rubric.assignment.title : "not ok";
};

describe("the rubric cache", () => {
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), "dockgrade-rubric-cache-"));
    rubric = path.join(work, "rubric");
    folder = path.join(work, "cache");
    await cp("rubrics/docker-basics", rubric, { recursive: true });
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  it("lives in DOCKGRADE_CACHE_DIR, else XDG_CACHE_HOME/dockgrade, else ~/.cache/dockgrade; off turns it off", () => {
    expect(cacheFolder({ DOCKGRADE_CACHE_DIR: "/tmp/c", XDG_CACHE_HOME: "/x" })).toBe("/tmp/c");
    expect(cacheFolder({ XDG_CACHE_HOME: "/x" })).toBe("/x/dockgrade");
    expect(cacheFolder({})).toMatch(/\/\.cache\/dockgrade$/);
    expect(cacheFolder({ DOCKGRADE_CACHE_DIR: "off" })).toBeUndefined();
  });

  it.each(["docker-basics", "flask-docker"])(
    "gives back exactly the rubric a fresh load gives (%s), then reads it from the cache",
    async (name) => {
      await rm(rubric, { recursive: true });
      await cp(path.join("rubrics", name), rubric, { recursive: true });
      const fresh = await loadRubric(rubric, registry);
      expect(fresh.ok).toBe(true);
      expect(await loadRubricCached(rubric, registry, options())).toEqual(fresh);
      expect(await entries()).toHaveLength(1);
      expect(await loadRubricCached(rubric, registry, options())).toEqual(fresh);
      await markCachedTitle({ en: "from the cache", fr: "du cache" } as never);
      expect(await titleOf(loadRubricCached(rubric, registry, options()))).toEqual({
        en: "from the cache",
        fr: "du cache",
      });
    },
  );

  it.each([
    [
      "a step file changes",
      async () => {
        const file = path.join(rubric, "01-engine.yaml");
        await writeFile(file, `${await readFile(file, "utf8")}\n# a comment\n`);
      },
    ],
    [
      "the assignment changes",
      async () => {
        const file = path.join(rubric, "assignment.yaml");
        await writeFile(file, `${await readFile(file, "utf8")}\n# a comment\n`);
      },
    ],
    [
      "assignment.yml now comes second",
      async () => rename(path.join(rubric, "assignment.yaml"), path.join(rubric, "assignment.yml")),
    ],
  ])("is not used when %s", async (_what, change) => {
    await loadRubricCached(rubric, registry, options());
    await markCachedTitle("stale" as never);
    await change();
    expect(await titleOf(loadRubricCached(rubric, registry, options()))).not.toBe("stale");
  });

  it("is not used by another dockgrade version or with another grader schema", async () => {
    await loadRubricCached(rubric, registry, options());
    await markCachedTitle("stale" as never);
    const newer = { ...options(), toolVersion: "1.0.1" };
    expect(await titleOf(loadRubricCached(rubric, registry, newer))).not.toBe("stale");
    const files = registry.get("files") as AnyGrader;
    const changed = new Map(registry);
    changed.set("files", {
      ...files,
      params: T.Object({ ...files.params.properties, extra: T.Optional(T.String()) }),
    });
    await rm(path.join(folder, "rubrics"), { recursive: true });
    await loadRubricCached(rubric, registry, options());
    await markCachedTitle("stale" as never);
    expect(await titleOf(loadRubricCached(rubric, changed, options()))).not.toBe("stale");
  });

  it("never remembers a broken rubric: its problems are those loadRubric reports", async () => {
    const broken = "src/rubric/__fixtures__/bad-params";
    const expected = await loadRubric(broken, registry);
    expect(expected.ok).toBe(false);
    expect(await loadRubricCached(broken, registry, options())).toEqual(expected);
    expect(await loadRubricCached(broken, registry, options())).toEqual(expected);
    expect(await entries()).toEqual([]);
  });

  it("ignores a corrupt entry and a cache folder it cannot write", async () => {
    const fresh = await loadRubric(rubric, registry);
    await loadRubricCached(rubric, registry, options());
    const [name] = await entries();
    await writeFile(path.join(folder, "rubrics", name ?? "missing"), "{ not json");
    expect(await loadRubricCached(rubric, registry, options())).toEqual(fresh);
    // A file where the folder should be: nothing can be written below it.
    folder = path.join(work, "a-file");
    await writeFile(folder, "");
    expect(await loadRubricCached(rubric, registry, options())).toEqual(fresh);
    expect(await loadRubricCached(rubric, registry, options())).toEqual(fresh);
  });
});
