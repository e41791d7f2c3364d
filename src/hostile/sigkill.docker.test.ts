import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectEngine } from "../docker/engine.js";
import {
  answerLate,
  copyFixture,
  dockgradeTempEntries,
  leaseOf,
  leftovers,
  RUBRIC,
  removeTemp,
  runCli,
  testTemp,
  waitFor,
} from "./harness.js";

let tmp: string;
beforeAll(async () => {
  tmp = await testTemp();
});
afterAll(async () => {
  await removeTemp(tmp);
});

/** The run's container started by a check (`dockgrade-<run>-c1`), not the build sandbox's. */
async function checkContainer(runId: string): Promise<boolean> {
  const engine = await connectEngine();
  const containers = await engine.listContainers({ filters: { label: [`dockgrade.run=${runId}`] } });
  return containers.some((c) => c.Names.some((name) => /-c\d+$/.test(name)));
}

describe("SIGKILL, then dockgrade gc", () => {
  it("removes everything of the killed runs, and nothing of a run in progress in another process", async () => {
    const slow = await copyFixture("slow-build", tmp);
    const noisy = await copyFixture("noisy", tmp);
    await answerLate(noisy, 60);
    const args = (source: string) => ["check", source, "--rubric", RUBRIC, "--no-out", "--lang", "en"];
    const live = runCli(args(slow), tmp);
    const inBuild = runCli(args(slow), tmp);
    const inCheck = runCli(args(noisy), tmp);
    try {
      // Killed while its build runs a step (its lease names the step container).
      const building = await waitFor("a build step of the first run", async () => {
        const lease = await leaseOf(tmp, inBuild.child.pid);
        return lease && lease.buildContainers.length > 0 && lease;
      });
      inBuild.child.kill("SIGKILL");
      // Killed while a check's container runs.
      const checking = await waitFor("the check container of the second run", async () => {
        const lease = await leaseOf(tmp, inCheck.child.pid);
        return lease && (await checkContainer(lease.runId)) && lease;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; that run said: ${inCheck.stderr().slice(-2000)}`);
      });
      inCheck.child.kill("SIGKILL");
      await Promise.all([inBuild.exited, inCheck.exited]);
      const running = await waitFor("the live run's build", async () => {
        const lease = await leaseOf(tmp, live.child.pid);
        return lease && lease.buildContainers.length > 0 && lease;
      });
      expect(await leftovers(building.runId)).not.toEqual([]);
      expect(await leftovers(checking.runId)).not.toEqual([]);
      const liveBefore = await leftovers(running.runId);

      const gc = runCli(["gc", "--unowned-older-than", "100000000"], tmp);
      expect(await gc.exited, gc.stderr()).toBe(0);
      // In the language of the environment (LANG), as every message of gc.
      expect(gc.stdout()).toMatch(/^(removed|supprimé\(s\) :) [1-9]\d* (container|conteneur)\(s\)/);
      expect(await leftovers(building.runId)).toEqual([]);
      expect(await leftovers(checking.runId)).toEqual([]);
      expect(await leftovers(running.runId)).toEqual(liveBefore);
      expect(live.child.exitCode).toBeNull();
      const entries = await dockgradeTempEntries(tmp);
      expect(entries.filter((e) => e.includes(building.runId) || e.includes(checking.runId))).toEqual([]);
      expect(entries).toContain(`dockgrade-runs/${running.runId}.json`);
    } finally {
      for (const run of [live, inBuild, inCheck]) if (run.child.exitCode === null) run.child.kill("SIGTERM");
      await Promise.all([live.exited, inBuild.exited, inCheck.exited]);
    }
    // The live run, stopped the ordinary way, removed its own.
    await waitFor(
      "the live run's objects gone",
      async () => {
        const lease = await leaseOf(tmp, live.child.pid);
        return lease === undefined && (await dockgradeTempEntries(tmp)).length === 0;
      },
      60_000,
    );
  }, 600_000);
});
