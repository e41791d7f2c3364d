import type { Owner } from "./lease.js";

export type RunState = "alive" | "dead" | "unknown";

export interface GcPolicy {
  /** Only this run (the caller knows it is over): removed whatever its owner's state. */
  runId?: string;
  /** Only objects at least this old; applies to every run removed. */
  olderThanMs?: number;
  /** Objects whose owner cannot be known (another machine, or made before owners were recorded). */
  unownedOlderThanMs: number;
  /** Start-up reclaim: dead runs only, never an unknown owner's. */
  deadOnly?: boolean;
}

/** Default age after which an object whose owner cannot be known is taken for garbage. */
export const UNOWNED_MAX_AGE_MS = 24 * 60 * 60_000;

/**
 * Whether gc removes one object of a run: never a live run's (unless that run is named), a dead run's
 * at once, an unknown owner's only once old. Pure: tested with a table in gc-plan.test.ts.
 */
export function shouldRemove(state: RunState, ageMs: number, policy: GcPolicy, named = false): boolean {
  if (named) return ageMs >= (policy.olderThanMs ?? 0);
  if (state === "alive") return false;
  if (state === "dead") return ageMs >= (policy.olderThanMs ?? 0);
  if (policy.deadOnly) return false;
  return ageMs >= (policy.olderThanMs ?? policy.unownedOlderThanMs);
}

/** The owner of each run: its lease if this machine has it, else the owner labels of any of its objects. */
export function runOwners(
  leases: ReadonlyMap<string, Owner>,
  labelled: ReadonlyArray<{ runId: string; owner?: Owner }>,
): Map<string, Owner> {
  const owners = new Map<string, Owner>(leases);
  for (const { runId, owner } of labelled) if (owner && !owners.has(runId)) owners.set(runId, owner);
  return owners;
}

/** The run id in a session folder's name (`dockgrade-session-<runId>-XXXXXX`). */
export function sessionDirRun(name: string, prefix: string): string | undefined {
  return /^([0-9a-z]+)-[^-]+$/.exec(name.slice(prefix.length))?.[1];
}

/** The process id in a clone folder's name (`dockgrade-clone-<pid>-XXXXXX`). */
export function cloneDirPid(name: string, prefix: string): number | undefined {
  const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
