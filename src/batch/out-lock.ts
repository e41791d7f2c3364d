import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The file a running batch holds in its output folder. */
export const LOCK_FILE = ".dockgrade-batch.lock";

/** The commands that write a class's files into an output folder. */
export type ClassCommand = "batch" | "merge";

/** Who holds the lock: a `dockgrade batch` or `merge` started at `started` by process `pid` on `host`. */
export interface LockHolder {
  pid: number;
  host: string;
  started: string;
  /** A lock written before merges took it names none: a batch's. */
  command: ClassCommand;
}

export type OutLock =
  | { ok: true; release: () => void; tookOverFrom?: LockHolder }
  | { ok: false; holder: LockHolder | undefined; file: string };

/**
 * Takes `outDir` for one batch or merge: two of them writing one folder would overwrite each other's class
 * files (batch.json, grades.csv) with different class lists, and grade the same students twice at once. The lock
 * is a file created only if absent, naming its process; a lock left by a process that no longer runs on
 * this machine (killed, the machine restarted) is taken over. One held by another machine cannot be
 * checked, so it is refused too: the message says how to remove it. `release` removes it; it is also
 * removed when the process exits, however it exits (Ctrl-C included), but a `kill -9`.
 */
export function lockOutDir(outDir: string, command: ClassCommand = "batch", now: Date = new Date()): OutLock {
  const file = path.join(outDir, LOCK_FILE);
  const self: LockHolder = { pid: process.pid, host: os.hostname(), started: now.toISOString(), command };
  let tookOverFrom: LockHolder | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(file);
      if (attempt > 0 || !holder || holder.host !== self.host || running(holder.pid))
        return { ok: false, holder, file };
      tookOverFrom = holder;
      unlinkSync(file);
      continue;
    }
    writeSync(fd, `${JSON.stringify(self)}\n`);
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.removeListener("exit", release);
      // Only our own lock: never one another batch took over meanwhile.
      if (readHolder(file)?.pid === self.pid) unlinkSync(file);
    };
    process.on("exit", release);
    return { ok: true, release, ...(tookOverFrom ? { tookOverFrom } : {}) };
  }
  return { ok: false, holder: readHolder(file), file };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8"));
    if (typeof value?.pid !== "number" || typeof value.host !== "string") return undefined;
    return { ...value, command: value.command === "merge" ? "merge" : "batch" };
  } catch {
    return undefined;
  }
}

/** Whether a process `pid` runs on this machine (signal 0 checks without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
