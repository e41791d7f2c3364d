import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import { type AppRunParams, appRunOptions } from "../../graders/kit/app/shared-start.js";
import { gradeSource } from "../engine/grade-source.js";
import { formatProblem } from "./format.js";
import { loadRubric } from "./load.js";
import type { Check, Rubric } from "./types.js";

const dir = "rubrics/docker-basics";

async function bundled(): Promise<Rubric> {
  const loaded = await loadRubric(dir, registry);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => formatProblem(p, "en")).join("\n"));
  return loaded.rubric;
}

describe("the bundled docker-basics rubric", () => {
  it("has the seven Etapes, weighted as the course suggests, totalling 100", async () => {
    const rubric = await bundled();
    expect(rubric.steps.map((s) => [s.id, s.points])).toEqual([
      ["etape-0", 5],
      ["etape-1", 10],
      ["etape-2", 20],
      ["etape-3", 15],
      ["etape-4", 20],
      ["etape-5", 15],
      ["etape-6", 15],
    ]);
    expect(rubric.assignment.totalPoints).toBe(100);
  });

  it("gives every check a title and feedback in French and English", async () => {
    for (const check of (await bundled()).steps.flatMap((s) => s.checks)) {
      for (const field of ["title", "feedback"] as const) {
        const text = check[field] as { fr?: string; en?: string } | undefined;
        expect(text?.fr, `${check.id}.${field}.fr`).toMatch(/\S/);
        expect(text?.en, `${check.id}.${field}.en`).toMatch(/\S/);
      }
    }
  });

  it("makes every check that runs the image depend on the build, so a failed build is reported once", async () => {
    const checks = (await bundled()).steps.flatMap((s) => s.checks);
    const byId = new Map(checks.map((c) => [c.id, c]));
    const dependsOnBuild = (check: Check, seen = new Set<string>()): boolean =>
      check.needs.some(
        (need) =>
          need === "build" || (!seen.has(need) && dependsOnBuild(byId.get(need) as Check, seen.add(need))),
      );
    const dockerChecks = checks.filter(
      (c) => c.id !== "build" && registry.get(c.grader)?.requires.includes("docker"),
    );
    expect(dockerChecks.length).toBeGreaterThan(0);
    for (const check of dockerChecks) expect(dependsOnBuild(check), check.id).toBe(true);
  });

  it.each([
    ["an empty folder", {}],
    ["a folder with only a .dockerignore", { ".dockerignore": ".git\n.venv\n__pycache__\n*.pyc\n" }],
  ])("gives %s 0 points: nothing is credited about files that do not exist", async (_, files) => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-empty-"));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    let opened = 0;
    const report = await gradeSource(dir, {
      rubric: await bundled(),
      registry,
      lang: "en",
      docker: {
        probe: async () => ({ available: true, version: "test", apiVersion: "1.41" }),
        open: async () => {
          opened++;
          throw new Error("no engine in this test");
        },
      },
    });
    const credited = report.steps.flatMap((s) => s.checks).filter((c) => c.score > 0);
    expect(credited.map((c) => `${c.id}: ${c.score}`)).toEqual([]);
    expect(report.score).toBe(0);
    expect(opened).toBe(0);
  });

  it("starts the app alike for api-quote, stop-cleanly and dependencies-installed: one container for the three", async () => {
    const rubric = await bundled();
    const checks = new Map(rubric.steps.flatMap((s) => s.checks).map((c) => [c.id, c]));
    // As each grader reads its parameters (defaults filled by the loader); http probes its first request's path.
    const params = (id: string) => checks.get(id)?.params as unknown as AppRunParams & { inAppRun?: boolean };
    const at = { assignment: rubric.assignment };
    const { requests } = params("api-quote") as unknown as { requests: Array<{ path: string }> };
    const http = appRunOptions(at, { ...params("api-quote"), readyPath: requests[0]?.path as string });
    expect(params("dependencies-installed").inAppRun).toBe(true);
    expect(JSON.stringify(appRunOptions(at, params("dependencies-installed")))).toBe(JSON.stringify(http));
    expect(JSON.stringify(appRunOptions(at, params("stop-cleanly")))).toBe(JSON.stringify(http));
  });

  it("refuses a copy whose point value was changed, naming the step total", async () => {
    const copy = await mkdtemp(path.join(tmpdir(), "dockgrade-rubric-"));
    await cp(dir, copy, { recursive: true });
    const file = path.join(copy, "00-tree.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace(/^ {4}points: 3$/m, "    points: 4"));
    const loaded = await loadRubric(copy, registry);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems.map((p) => formatProblem(p, "en"))).toEqual([
        expect.stringMatching(
          /00-tree\.yaml:\d+:\d+ points: step "etape-0" declares 5 points but its checks add up to 6: make them equal$/,
        ),
      ]);
    }
  });
});
