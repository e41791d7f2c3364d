import { describe, expect, it } from "vitest";
import { cloneDirPid, type GcPolicy, runOwners, sessionDirRun, shouldRemove } from "./gc-plan.js";
import { ownerState } from "./lease.js";
import { pickCommitted } from "./orphan-images.js";

const HOUR = 60 * 60_000;
const policy: GcPolicy = { unownedOlderThanMs: 24 * HOUR };

describe("which objects gc removes", () => {
  it.each([
    // state, age, policy, named run, removed
    ["alive", 48 * HOUR, policy, false, false],
    ["alive", 48 * HOUR, { ...policy, olderThanMs: 0 }, false, false],
    ["dead", 0, policy, false, true],
    ["dead", 10 * 60_000, { ...policy, olderThanMs: HOUR }, false, false],
    ["unknown", 2 * HOUR, policy, false, false],
    ["unknown", 25 * HOUR, policy, false, true],
    ["unknown", 2 * HOUR, { ...policy, olderThanMs: HOUR }, false, true],
    ["unknown", 48 * HOUR, { ...policy, deadOnly: true }, false, false],
    ["dead", 0, { ...policy, deadOnly: true }, false, true],
    ["alive", 0, { ...policy, runId: "r" }, true, true],
    ["alive", 0, { ...policy, runId: "r", olderThanMs: HOUR }, true, false],
  ] as const)("%s run, %i ms old, %j, named %s → %s", (state, age, p, named, removed) => {
    expect(shouldRemove(state, age, p, named)).toBe(removed);
  });

  it("takes a run's owner from its lease, else from any of its objects", () => {
    const lease = { pid: 1, host: "h", boot: "b" };
    const label = { pid: 2, host: "h", boot: "b" };
    const owners = runOwners(new Map([["r1", lease]]), [
      { runId: "r1", owner: label },
      { runId: "r2" },
      { runId: "r2", owner: label },
      { runId: "r3" },
    ]);
    expect([...owners]).toEqual([
      ["r1", lease],
      ["r2", label],
    ]);
  });

  it.each([
    [{ pid: 10, host: "h", boot: "b" }, true, "alive"],
    [{ pid: 10, host: "h", boot: "b" }, false, "dead"],
    [{ pid: 10, host: "h", boot: "old" }, true, "dead"], // rebooted: that pid is someone else now
    [{ pid: 10, host: "other", boot: "b" }, false, "unknown"],
    [{ pid: 10, host: "h", boot: "" }, true, "alive"],
  ] as const)("owner %j, process alive %s → %s", (owner, alive, state) => {
    expect(ownerState(owner, { pid: 1, host: "h", boot: "b" }, () => alive)).toBe(state);
  });

  it("reads run ids and pids from folder names", () => {
    expect(sessionDirRun("dockgrade-session-mx2u0abc12-Xy9zQ1", "dockgrade-session-")).toBe("mx2u0abc12");
    expect(sessionDirRun("dockgrade-session-odd", "dockgrade-session-")).toBeUndefined();
    expect(cloneDirPid("dockgrade-clone-4242-abcdef", "dockgrade-clone-")).toBe(4242);
    expect(cloneDirPid("dockgrade-clone-abcdef", "dockgrade-clone-")).toBeUndefined();
  });
});

describe("images a cut build committed without a label", () => {
  const image = (Id: string, Container: string, RepoTags: string[] = []) => ({ Id, Container, RepoTags });
  it("finds those committed from the build's own step containers, never their children", () => {
    const images = [
      // Built on the cut build's image by another run (with kept layers, its cache): not this run's.
      image("sha256:child", "c9"),
      image("sha256:aaa111222333444", "0123456789abcdef0123"),
      image("sha256:bbb", "fedcba9876543210"),
      image("sha256:other", "ffffffffffffffff"),
      image("sha256:tagged", "0123456789abcdef0123", ["quotegen:latest"]),
      image("sha256:untagged", "fedcba9876543210ffff", ["<none>:<none>"]),
    ];
    expect(pickCommitted(images, ["0123456789ab", "fedcba987654"])).toEqual([
      "sha256:aaa111222333444",
      "sha256:bbb",
      "sha256:untagged",
    ]);
    expect(pickCommitted(images, ["0123"])).toEqual([]); // ids shorter than the log's are never matched
    expect(pickCommitted(images, [])).toEqual([]);
  });
});
