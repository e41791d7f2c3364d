import type { CommandIO } from "../commands/io.js";
import type { DockerBackend } from "../engine/grade-source.js";
import { withDeadline } from "./deadline.js";
import { collectGarbage, type GcOptions } from "./gc.js";
import { probeDocker } from "./probe.js";
import { openDockerSession, type PullPolicy } from "./session.js";

/** The real engine, as the CLI uses it. */
export const dockerBackend: DockerBackend = {
  probe: async () => {
    const availability = await probeDocker();
    if (availability.available) await reclaimDeadRuns();
    return availability;
  },
  open: ({ rubric, ...rest }) => openDockerSession({ ...rest, assignment: rubric.assignment }),
};

/** The same backend, building with the given pull policy for base images (`--pull`). */
export function withPullPolicy(backend: DockerBackend, pullPolicy: PullPolicy): DockerBackend {
  return { probe: () => backend.probe(), open: (input) => backend.open({ ...input, pullPolicy }) };
}

/**
 * At start-up, what runs killed on this machine left (SIGKILL, a crash, the engine lost mid-run): only
 * runs whose process is gone, never a live one's nor another machine's. Bounded, and never fatal.
 */
export async function reclaimDeadRuns(timeoutMs = 20_000): Promise<void> {
  await withDeadline(collectGarbage({ deadOnly: true }), timeoutMs, "removing what dead runs left").catch(
    () => {},
  );
}

export interface GcCommandOptions {
  olderThanMinutes?: number;
  unownedOlderThanMinutes?: number;
  runId?: string;
}

/** `dockgrade gc`: removes what crashed runs left, and says what it removed. */
export async function gcCommand(options: GcCommandOptions, io: CommandIO): Promise<number> {
  const probe = await probeDocker();
  if (!probe.available) {
    io.stderr(`dockgrade gc: no Docker engine reachable (${probe.reason})\n`);
    return 2;
  }
  const minutes = (value: number | undefined) => (value === undefined ? undefined : value * 60_000);
  const gc: GcOptions = {
    ...(options.runId ? { runId: options.runId } : {}),
    ...(options.olderThanMinutes !== undefined ? { olderThanMs: minutes(options.olderThanMinutes) } : {}),
    ...(options.unownedOlderThanMinutes !== undefined
      ? { unownedOlderThanMs: minutes(options.unownedOlderThanMinutes) }
      : {}),
  };
  const removed = await collectGarbage(gc);
  io.stdout(
    `removed ${removed.containers} container(s), ${removed.images} image(s), ${removed.volumes} volume(s), ${removed.networks} network(s), ${removed.tempDirs} temporary folder(s)\n`,
  );
  for (const error of removed.errors) io.stderr(`dockgrade gc: ${error}\n`);
  return removed.errors.length > 0 ? 3 : 0;
}
