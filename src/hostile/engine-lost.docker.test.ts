import { readdir, readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectEngine } from "../docker/engine.js";
import type { Report } from "../report/schema.js";
import {
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

/** A socket that relays to the real engine until `cut()`: from the run's side, the engine vanishes. */
async function engineProxy(socketPath: string) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const engine = net.connect("/var/run/docker.sock");
    sockets.add(client).add(engine);
    client.pipe(engine).pipe(client);
    const drop = () => {
      client.destroy();
      engine.destroy();
    };
    client.on("error", drop).on("close", drop);
    engine.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    cut: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

describe("the engine lost mid-run", () => {
  it("ends what could not run in `error` saying so, exits 4, and the next start reclaims the run", async () => {
    const socket = path.join(tmp, "engine.sock");
    const proxy = await engineProxy(socket);
    const submission = await copyFixture("noisy", tmp);
    const out = path.join(tmp, "out");
    const run = runCli(["check", submission, "--rubric", RUBRIC, "--out", out, "--lang", "en"], tmp, {
      DOCKER_HOST: `unix://${socket}`,
    });
    const engine = await connectEngine();
    const lease = await waitFor("the run's check container", async () => {
      const found = await leaseOf(tmp, run.child.pid);
      if (!found) return undefined;
      const containers = await engine.listContainers({
        filters: { label: [`dockgrade.run=${found.runId}`] },
      });
      return containers.some((c) => c.Names.some((name) => /-c\d+$/.test(name))) && found;
    });
    await proxy.cut();
    const code = await run.exited;
    expect(code, run.stderr()).toBe(4);
    expect(run.stderr()).toContain("the Docker engine stopped answering");
    const [folder] = await readdir(out);
    const report = JSON.parse(
      await readFile(path.join(out, folder as string, "report.json"), "utf8"),
    ) as Report;
    const checks = report.steps.flatMap((step) => step.checks);
    const lost = checks.filter((c) => c.findings.some((f) => f.messageId === "engine.engineLost"));
    expect(lost.map((c) => c.status)).toEqual(lost.map(() => "error"));
    expect(lost.length).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toMatch(/crashed|dockgrade bug|planté/);
    // The engine still holds the run's objects; the next start (here: a check with no Docker check to run
    // on an empty folder would do; `rubric lint` would not touch Docker) reclaims them.
    expect(await leftovers(lease.runId)).not.toEqual([]);
    const next = runCli(["check", submission, "--rubric", RUBRIC, "--no-out", "--lang", "en"], tmp);
    // The reclaim removes the dead run's objects first and its lease last: both gone, it is over (stopping
    // the next run in between would leave the lease, for the start after it to reclaim).
    await waitFor(
      "the next run's start-up reclaim",
      async () => (await leftovers(lease.runId)).length === 0 && !(await leaseOf(tmp, run.child.pid)),
    );
    next.child.kill("SIGTERM");
    await next.exited;
    expect(await dockgradeTempEntries(tmp)).toEqual([]);
  }, 600_000);
});
