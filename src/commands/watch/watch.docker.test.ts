// `check --watch` on the real engine: a README edit re-grades the report checks only, at once, on the kept
// session; a Dockerfile edit builds again (with the layer cache) and re-grades the image checks.
import { execFileSync, spawn } from "node:child_process";
import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { registry } from "../../../graders/index.js";
import type { DockerBackend } from "../../docker/backend.js";
import { dockerBackend } from "../../docker/backend.js";
import { readLeases } from "../../docker/lease.js";
import { loadRubric } from "../../rubric/load.js";
import { type WatchRun, watchSubmission } from "./watch.js";

const runIds: string[] = [];
const backend: DockerBackend = {
  probe: dockerBackend.probe,
  open: async (input) => {
    const session = await dockerBackend.open(input);
    runIds.push(session.runId);
    return session;
  },
};
let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("dockgrade check --watch", () => {
  it("re-runs only the report checks on a README edit, and builds again on a Dockerfile edit", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-watch-"));
    const lab = path.join(dir, "lab");
    await cp("submissions-example/complete", lab, { recursive: true });
    const loaded = await loadRubric("src/commands/watch/__fixtures__/rubric-watch", registry);
    if (!loaded.ok) throw new Error("the watch rubric does not load");
    const runs: WatchRun[] = [];
    const waiters: Array<() => void> = [];
    const nextRun = (count: number) =>
      new Promise<WatchRun>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`run ${count} did not come within 240 s`)), 240_000);
        const check = () => {
          if (runs.length < count) return waiters.push(check);
          clearTimeout(timer);
          resolve(runs[count - 1] as WatchRun);
        };
        check();
      });
    let stdout = "";
    const stop = new AbortController();
    const watching = watchSubmission(
      {
        source: lab,
        rubricDir: "src/commands/watch/__fixtures__/rubric-watch",
        rubric: loaded.rubric,
        registry,
        destination: { none: "asked" },
        format: "text",
        lang: "en",
        color: false,
        showHidden: false,
        docker: backend,
        signal: stop.signal,
        debounceMs: 200,
        onRun: (run) => {
          runs.push(run);
          for (const waiter of waiters.splice(0)) waiter();
        },
      },
      { stdout: (text) => (stdout += text), stderr: () => {} },
    );
    try {
      const first = await nextRun(1);
      expect(first.rerun).toHaveLength(6);
      expect(first.rebuilt).toBe(true);
      const score = (run: WatchRun, id: string) =>
        run.report.steps.flatMap((s) => s.checks).find((c) => c.id === id)?.score;
      expect(score(first, "section-7")).toBe(0);
      expect(score(first, "api-quote")).toBe(4);
      await new Promise((resolve) => setTimeout(resolve, 1000));

      await appendFile(path.join(lab, "README.md"), "\n## Etape 7 — Pour aller plus loin\n\nRien.\n");
      const readme = await nextRun(2);
      expect(readme.rerun.sort()).toEqual(["section-2", "section-7"]);
      expect(readme.rebuilt).toBe(false);
      expect(readme.durationMs).toBeLessThan(1000);
      expect(score(readme, "section-7")).toBe(3);
      expect(score(readme, "api-quote")).toBe(4);
      expect(stdout).toContain("+3  Step 7 section  (0 → 3/3, FAIL → PASS)");

      await appendFile(path.join(lab, "Dockerfile"), "\nENV WATCH_TEST=1\n");
      const dockerfile = await nextRun(3);
      expect(dockerfile.rebuilt).toBe(true);
      expect(dockerfile.rerun.sort()).toEqual([
        "api-quote",
        "build",
        "dockerfile-exec-form",
        "dockerfile-present",
      ]);
      expect(score(dockerfile, "api-quote")).toBe(4);
      expect(stdout).toContain("No change in points since the last run.");
    } finally {
      stop.abort();
      await watching;
    }
    expect(runIds).toHaveLength(2);
    for (const id of runIds) {
      const left = execFileSync("docker", ["ps", "-aq", "--filter", `label=dockgrade.run=${id}`], {
        encoding: "utf8",
      }).trim();
      const images = execFileSync("docker", ["images", "-q", "--filter", `label=dockgrade.run=${id}`], {
        encoding: "utf8",
      }).trim();
      expect([left, images]).toEqual(["", ""]);
    }
  }, 600_000);

  it("on Ctrl-C, removes what its Docker session made and exits 130", async () => {
    const lab = path.join(dir, "ctrl-c");
    await cp("submissions-example/complete", lab, { recursive: true });
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli.ts",
        "check",
        lab,
        "--watch",
        "--verbose",
        "--no-out",
        "--lang",
        "en",
        "--rubric",
        "src/commands/watch/__fixtures__/rubric-watch",
      ],
      { env: { ...process.env, NO_COLOR: "1", CI: "true" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const until = Date.now() + 240_000;
    while (!stderr.includes("Watching ")) {
      if (Date.now() > until) throw new Error(`the watch never started; stderr:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const runId = /dockgrade\/([a-z0-9]+)\/quotegen/.exec(stderr)?.[1];
    expect(runId).toBeDefined();
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    for (const kind of [
      ["ps", "-aq"],
      ["images", "-q"],
      ["network", "ls", "-q"],
    ]) {
      const left = execFileSync("docker", [...kind, "--filter", `label=dockgrade.run=${runId}`], {
        encoding: "utf8",
      }).trim();
      expect(left).toBe("");
    }
    // The build layers the watch kept went too: no lease of the process is left (one is while any remain).
    const leases = [...(await readLeases()).values()].filter((lease) => lease.pid === child.pid);
    expect(leases).toEqual([]);
  }, 300_000);
});
