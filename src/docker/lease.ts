import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * Who owns a run: its process on its machine. Written as labels on the run's containers, networks and
 * volumes, and as a lease file (`<tmp>/dockgrade-runs/<runId>.json`) that also lists what a build made
 * (step containers, intermediate images carry no label), so a later `gc` can tell a dead run from a live one.
 */
export interface Owner {
  pid: number;
  host: string;
  /** The kernel's boot id: after a reboot, no process of before is alive, whatever its pid. */
  boot: string;
}

export interface Lease extends Owner {
  runId: string;
  started: string;
  /** Step containers and intermediate images the run's build made, as the build log named them. */
  buildContainers: string[];
  buildImages: string[];
}

export const OWNER_LABEL = { pid: "dockgrade.pid", host: "dockgrade.host", boot: "dockgrade.boot" } as const;

let boot: string | undefined;
function bootId(): string {
  if (boot === undefined) {
    try {
      boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim().slice(0, 8);
    } catch {
      boot = "";
    }
  }
  return boot;
}

export function currentOwner(): Owner {
  return { pid: process.pid, host: os.hostname(), boot: bootId() };
}

export function ownerLabels(owner: Owner = currentOwner()): Record<string, string> {
  return {
    [OWNER_LABEL.pid]: String(owner.pid),
    [OWNER_LABEL.host]: owner.host,
    ...(owner.boot ? { [OWNER_LABEL.boot]: owner.boot } : {}),
  };
}

/** The owner an object's labels name, if they name one. */
export function ownerFromLabels(labels: Record<string, string> | null | undefined): Owner | undefined {
  const pid = Number(labels?.[OWNER_LABEL.pid]);
  const host = labels?.[OWNER_LABEL.host];
  if (!Number.isInteger(pid) || pid <= 0 || !host) return undefined;
  return { pid, host, boot: labels?.[OWNER_LABEL.boot] ?? "" };
}

/**
 * `alive`: its process still runs here; `dead`: it ran on this machine and is gone (or the machine
 * rebooted since); `unknown`: another machine's (a shared engine), whose processes cannot be seen.
 */
export function ownerState(
  owner: Owner,
  here: Owner = currentOwner(),
  processAlive: (pid: number) => boolean = isProcessAlive,
): "alive" | "dead" | "unknown" {
  if (owner.host !== here.host) return "unknown";
  if (owner.boot && here.boot && owner.boot !== here.boot) return "dead";
  return processAlive(owner.pid) ? "alive" : "dead";
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function leaseDir(): string {
  return path.join(os.tmpdir(), "dockgrade-runs");
}

function leaseFile(runId: string): string {
  return path.join(leaseDir(), `${runId}.json`);
}

/** Writes (or rewrites) the lease of a run of this process; atomic, best effort (never throws). */
export async function writeLease(lease: Lease): Promise<void> {
  try {
    await mkdir(leaseDir(), { recursive: true });
    const temporary = `${leaseFile(lease.runId)}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(lease));
    await rename(temporary, leaseFile(lease.runId));
  } catch {
    // Without a lease, gc still finds the run's owner on its labelled objects.
  }
}

export function newLease(runId: string): Lease {
  return {
    runId,
    ...currentOwner(),
    started: new Date().toISOString(),
    buildContainers: [],
    buildImages: [],
  };
}

export async function removeLease(runId: string): Promise<void> {
  await rm(leaseFile(runId), { force: true }).catch(() => {});
}

/** Every readable lease, by run id. */
export async function readLeases(): Promise<Map<string, Lease>> {
  const leases = new Map<string, Lease>();
  const names = await readdir(leaseDir()).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(".json"))) {
    try {
      const lease = JSON.parse(await readFile(path.join(leaseDir(), name), "utf8")) as Lease;
      if (typeof lease.runId === "string" && ownerFromLabels(ownerLabels(lease)))
        leases.set(lease.runId, lease);
    } catch {
      // a lease being written, or not ours: ignored
    }
  }
  return leases;
}
