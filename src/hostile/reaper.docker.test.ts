import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectEngine } from "../docker/engine.js";
import { REAPER_NETWORK } from "../docker/reaper.js";
import {
  answerLate,
  type CliRun,
  copyFixture,
  FIXTURES,
  leaseOf,
  leftovers,
  RUBRIC,
  removeTemp,
  runCli,
  testTemp,
  waitFor,
} from "./harness.js";

// The real testcontainers/ryuk cannot be pulled here (offline): a stand-in speaking the same protocol and
// pruning the same way (__fixtures__/ryuk-standin) is built from the local python:3.12-slim and given
// through RYUK_CONTAINER_IMAGE, as a user would name a mirrored Ryuk.
const docker = promisify(execFile);
const testRun = `ryuktest${Date.now().toString(36)}`;
const STANDIN = `dockgrade-test/ryuk-standin:${testRun}`;
const REAPER_ENV = {
  TESTCONTAINERS_RYUK_DISABLED: "false",
  RYUK_CONTAINER_IMAGE: STANDIN,
  TESTCONTAINERS_RYUK_RECONNECTION_TIMEOUT: "2s",
};

let tmp: string;
let networkExisted = false;
beforeAll(async () => {
  tmp = await testTemp();
  networkExisted = await docker("docker", ["network", "inspect", REAPER_NETWORK]).then(
    () => true,
    () => false,
  );
  // Labelled as a run of the test, so the suite's teardown would see it if it stayed.
  await docker("docker", [
    "build",
    "--quiet",
    "--tag",
    STANDIN,
    "--label",
    `dockgrade.run=${testRun}`,
    path.join(FIXTURES, "ryuk-standin"),
  ]);
});
afterAll(async () => {
  await docker("docker", ["image", "rm", "--force", STANDIN]).catch(() => undefined);
  if (!networkExisted) await docker("docker", ["network", "rm", REAPER_NETWORK]).catch(() => undefined);
  await removeTemp(tmp);
});

async function reaperOf(pid: number | undefined): Promise<string[]> {
  const engine = await connectEngine();
  const containers = await engine.listContainers({
    all: true,
    filters: { label: ["dockgrade.kind=reaper", `dockgrade.pid=${pid}`] },
  });
  return containers.map((c) => c.Id);
}

/** The run's lease once the run's reaper acknowledged it (the verbose log says so) and `ready` holds. */
async function watchedRun(run: CliRun, ready: (runId: string, buildSteps: number) => Promise<boolean>) {
  return waitFor("a run registered with its reaper", async () => {
    const lease = await leaseOf(tmp, run.child.pid);
    if (!lease || !run.stderr().includes(`The reaper watches the run ${lease.runId}.`)) return undefined;
    return (await ready(lease.runId, lease.buildContainers.length)) && lease;
  });
}

/**
 * What a container on the engine's default bridge (where RUN steps of the `open` build policy run) reaches
 * of a reaper: its address on the reapers' network, and its published port through the bridge's gateway.
 * It only connects (it sends no filter: one reaching a reaper would doom every run on the engine).
 */
async function probeFromDefaultBridge(reaperId: string): Promise<string> {
  const engine = await connectEngine();
  const reaper = await engine.getContainer(reaperId).inspect();
  const address = reaper.NetworkSettings.Networks[REAPER_NETWORK]?.IPAddress;
  const published = reaper.NetworkSettings.Ports["8080/tcp"]?.[0]?.HostPort;
  const gateway = (await engine.getNetwork("bridge").inspect()).IPAM?.Config?.[0]?.Gateway;
  expect(address && published && gateway).toBeTruthy();
  const script = [
    "import socket, sys",
    "targets = [(sys.argv[1], 8080), (sys.argv[2], int(sys.argv[3]))]",
    "for host, port in targets:",
    "    try:",
    "        socket.create_connection((host, port), timeout=3).close()",
    "        print(host, 'connected')",
    "    except OSError as error:",
    "        print(host, 'unreachable', type(error).__name__)",
  ].join("\n");
  const container = await engine.createContainer({
    Image: "python:3.12-slim",
    Cmd: ["python3", "-c", script, address as string, gateway as string, published as string],
    Labels: { "dockgrade.run": testRun, "dockgrade.kind": "container" },
    HostConfig: { NetworkMode: "bridge" },
  });
  try {
    await container.start();
    await container.wait();
    return (await container.logs({ stdout: true, stderr: true })).toString("utf8");
  } finally {
    await container.remove({ force: true });
  }
}

async function checkContainer(runId: string): Promise<boolean> {
  const engine = await connectEngine();
  const containers = await engine.listContainers({ filters: { label: [`dockgrade.run=${runId}`] } });
  return containers.some((c) => c.Names.some((name) => /-c\d+$/.test(name)));
}

describe("SIGKILL with a reaper (stand-in image), and no dockgrade gc", () => {
  it("removes the killed runs' objects within seconds, and nothing of a live run of another process", async () => {
    const slow = await copyFixture("slow-build", tmp);
    const noisy = await copyFixture("noisy", tmp);
    await answerLate(noisy, 60);
    const args = (source: string) => [
      "check",
      source,
      "--rubric",
      RUBRIC,
      "--no-out",
      "--lang",
      "en",
      "--verbose",
    ];
    // Every process starts before any is killed: a later start-up would reclaim the dead runs itself.
    const live = runCli(args(slow), tmp, REAPER_ENV);
    let inBuild: CliRun | undefined;
    let inCheck: CliRun | undefined;
    try {
      const running = await watchedRun(live, async (_runId, steps) => steps > 0);
      const liveBefore = await leftovers(running.runId);
      const [liveReaper] = await reaperOf(live.child.pid);
      expect(liveReaper).toBeDefined();
      inBuild = runCli(args(slow), tmp, REAPER_ENV);
      inCheck = runCli(args(noisy), tmp, REAPER_ENV);
      // Killed while its build runs a step, and while a check's container runs, once registered.
      const building = await watchedRun(inBuild, async (_runId, steps) => steps > 0);
      expect(inBuild.stderr()).toMatch(/The reaper runs \(dockgrade-test\/ryuk-standin/);
      expect(await reaperOf(inBuild.child.pid)).toHaveLength(1);
      expect(await leftovers(building.runId)).not.toEqual([]);
      const third = inCheck;
      await waitFor("the third run past its start-up reclaim", () => leaseOf(tmp, third.child.pid));
      inBuild.child.kill("SIGKILL");
      const checking = await watchedRun(inCheck, (runId) => checkContainer(runId));
      expect(await reaperOf(inCheck.child.pid)).toHaveLength(1);
      expect(await leftovers(checking.runId)).not.toEqual([]);
      inCheck.child.kill("SIGKILL");
      await Promise.all([inBuild.exited, inCheck.exited]);
      const killedAt = Date.now();
      const killedPids = [inBuild.child.pid, inCheck.child.pid];
      await waitFor(
        "the killed runs' objects and their reapers gone",
        async () =>
          (await leftovers(building.runId)).length === 0 &&
          (await leftovers(checking.runId)).length === 0 &&
          (await Promise.all(killedPids.map(reaperOf))).flat().length === 0,
        60_000,
      );
      console.log(`reaped ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the second SIGKILL`);
      // No gc ran: the leases are still there, the objects are gone all the same.
      expect(await leaseOf(tmp, inBuild.child.pid)).toBeDefined();
      expect(await leaseOf(tmp, inCheck.child.pid)).toBeDefined();
      // The live run, in another process, kept everything, and its reaper.
      expect(live.child.exitCode).toBeNull();
      expect(await leftovers(running.runId)).toEqual(liveBefore);
      expect(await reaperOf(live.child.pid)).toEqual([liveReaper]);
      // A student's container never reaches a reaper (it would be sent filters naming anything).
      const probe = await probeFromDefaultBridge(liveReaper as string);
      expect(probe).toMatch(/unreachable[\s\S]*unreachable/);
      expect(probe).not.toContain("connected");
    } finally {
      const runs = [live, ...(inBuild ? [inBuild] : []), ...(inCheck ? [inCheck] : [])];
      for (const run of runs) if (run.child.exitCode === null) run.child.kill("SIGTERM");
      await Promise.all(runs.map((run) => run.exited));
      // What the reaper cannot know (the killed build's unlabelled step objects, the leases) is gc's.
      const gc = runCli(["gc", "--unowned-older-than", "100000000"], tmp);
      await gc.exited;
    }
    // The live run removed its own objects; its reaper, once the process was gone, pruned and exited.
    await waitFor(
      "the live run's reaper gone",
      async () => (await reaperOf(live.child.pid)).length === 0,
      60_000,
    );
  }, 600_000);
});
