// runBatch without an engine: a class whose reports are all reused never probes Docker; one submission
// to grade probes it once, and without an engine the run stops before grading anything.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import type { DockerBackend } from "../docker/backend.js";
import { toolVersion } from "../package-info.js";
import type { Report } from "../report/schema.js";
import { loadRubric } from "../rubric/load.js";
import type { Rubric } from "../rubric/types.js";
import { contentDigest, reportKey } from "./content-key.js";
import { InputError, readSubmissionFolder } from "./inputs.js";
import { gradedRow } from "./rows.js";
import { runBatch } from "./run.js";
import { readResult, saveGraded } from "./store.js";
import { memberReport } from "./summary-testkit.js";
import { EXAMPLES, SMALL_RUBRIC } from "./test-class.js";

const report: Report = memberReport();

/** An engine that is never there; it counts what it is asked. */
function absentEngine(deadRuns = false) {
  const calls = { probe: 0, open: 0, deadRunsLeft: 0 };
  const backend: DockerBackend = {
    probe: async () => {
      calls.probe++;
      return { available: false, reason: "no engine in this test" };
    },
    open: async () => {
      calls.open++;
      throw new Error("no engine in this test");
    },
    deadRunsLeft: async () => {
      calls.deadRunsLeft++;
      return deadRuns;
    },
  };
  return { backend, calls };
}

let dir: string;
let rubric: Rubric;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-run-"));
  const loaded = await loadRubric(SMALL_RUBRIC, registry);
  if (!loaded.ok) throw new Error("the small rubric fixture does not load");
  rubric = loaded.rubric;
  for (const name of ["s1", "s2"])
    await cp(path.join(EXAMPLES, "complete"), path.join(dir, "class", name), { recursive: true });
  // As an earlier run left them: both graded with this rubric, their result keyed on their content.
  for (const name of ["s1", "s2"]) {
    const content = await contentDigest(path.join(dir, "class", name));
    const key = reportKey({ content, rubricDigest: rubric.digest, toolVersion: toolVersion(), lang: "en" });
    const row = gradedRow({ id: name, columns: {} }, report);
    await saveGraded(
      path.join(dir, "out"),
      { version: 1, row, key, rubricDigest: rubric.digest, lang: "en" },
      report,
      [],
    );
  }
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function batch(backend: DockerBackend, signal?: AbortSignal) {
  return runBatch({
    list: await readSubmissionFolder(path.join(dir, "class"), "en"),
    rubric,
    registry,
    lang: "en",
    outDir: path.join(dir, "out"),
    jobs: 2,
    docker: backend,
    requiresDocker: true,
    signal,
  });
}

describe("runBatch and the engine", () => {
  it("reuses every unchanged report without probing the engine", async () => {
    const { backend, calls } = absentEngine();
    const summary = await batch(backend);
    expect(summary.submissions.map((row) => [row.id, row.status, row.reused])).toEqual([
      ["s1", "graded", true],
      ["s2", "graded", true],
    ]);
    expect(calls).toEqual({ probe: 0, open: 0, deadRunsLeft: 1 });
    // Reused again: result.json already says so, and is left as it is.
    const written = () => stat(path.join(dir, "out", "s1", "result.json"), { bigint: true });
    const before = await written();
    await batch(backend);
    expect((await written()).mtimeNs).toBe(before.mtimeNs);
    expect((await written()).ino).toBe(before.ino);
  });

  it("grades again an unchanged report that has a check the harness could not check", async () => {
    const stored = await readResult(path.join(dir, "out"), "s2");
    if (!stored) throw new Error("the earlier run's result of s2 is missing");
    await writeFile(
      path.join(dir, "out", "s2", "result.json"),
      JSON.stringify({ ...stored, row: { ...stored.row, harnessErrors: ["build"] } }),
    );
    const { backend, calls } = absentEngine();
    // s1 is reused; s2 must be graded, which needs the engine this test does not have.
    await expect(batch(backend)).rejects.toThrow(/no engine in this test/);
    expect(calls.probe).toBe(1);
    expect((await readResult(path.join(dir, "out"), "s1"))?.row.reused).toBe(true);
  });

  it("says a student it did not get to was left by an interruption, not by a missing shard", async () => {
    await rm(path.join(dir, "out", "s2"), { recursive: true });
    const { backend } = absentEngine();
    const summary = await batch(backend, AbortSignal.abort("SIGINT"));
    expect(summary.submissions.find((row) => row.id === "s2")?.error).toBe(
      "The batch was interrupted before this submission was graded; run the same command again to finish it.",
    );
  });

  it("probes at start when dead runs are known to have left something to reclaim", async () => {
    const { backend, calls } = absentEngine(true);
    await batch(backend);
    expect(calls.probe).toBe(1);
  });

  it("stops before grading the first changed submission when there is no engine", async () => {
    await writeFile(path.join(dir, "class", "s2", "app.py"), "# changed\n", { flag: "a" });
    const before = await readFile(path.join(dir, "out", "s2", "result.json"), "utf8");
    const { backend, calls } = absentEngine();
    await expect(batch(backend)).rejects.toThrow(InputError);
    await expect(batch(backend)).rejects.toThrow(/no engine in this test/);
    expect(calls.open).toBe(0);
    expect(await readFile(path.join(dir, "out", "s2", "result.json"), "utf8")).toBe(before);
    expect((await readResult(path.join(dir, "out"), "s1"))?.row.reused).toBe(true);
  });

  it("keeps the class's build layers from before the first submission until after the last, even when it stops", async () => {
    const { backend } = absentEngine();
    const events: string[] = [];
    const keeping: DockerBackend = {
      ...backend,
      probe: () => {
        events.push("probe");
        return backend.probe();
      },
      keepLayers: () => {
        events.push("hold");
        return async () => {
          events.push("release");
        };
      },
    };
    await batch(keeping);
    expect(events).toEqual(["hold", "release"]);
    events.length = 0;
    await writeFile(path.join(dir, "class", "s2", "app.py"), "# changed\n", { flag: "a" });
    await expect(batch(keeping)).rejects.toThrow(InputError);
    expect(events).toEqual(["hold", "probe", "release"]);
  });
});
