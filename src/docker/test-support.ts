// Helpers for the Docker tests (imported by `*.docker.test.ts` only): the check that a test left nothing
// labelled behind, and what the engine's cgroup setup lets a build sandbox do. Fixture submissions and the
// test assignment are in src/grader/test-context.ts.
import { connectEngine } from "./engine.js";
import { listLabelled } from "./resources.js";

/** Every engine object still labelled with this run id, as `kind name` lines (empty when all is clean). */
export async function leftovers(runId: string): Promise<string[]> {
  const listed = await listLabelled(await connectEngine(), runId);
  return [
    ...listed.containers.map((c) => `container ${c.Names?.[0] ?? c.Id}`),
    ...listed.images.map((i) => `image ${i.RepoTags?.[0] ?? i.Id}`),
    ...listed.volumes.map((v) => `volume ${v.Name}`),
    ...listed.networks.map((n) => `network ${n.Name}`),
  ];
}

/**
 * Whether RUN steps can run under a limits holder's cgroup on this engine (cgroup v1 with the cgroupfs
 * driver, as on the test machine): there a build sandbox always makes a holder container, also for a
 * `closed` build. Read from `docker info` here, not from the code under test.
 */
export async function engineHoldsStepsUnderHolder(): Promise<boolean> {
  const info = (await (await connectEngine()).info()) as { CgroupDriver?: string; CgroupVersion?: string };
  return info.CgroupDriver === "cgroupfs" && info.CgroupVersion === "1";
}
