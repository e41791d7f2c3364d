import type { CommandIO } from "../commands/io.js";
import type { DockerBackend } from "../engine/grade-source.js";
import { collectGarbage } from "./gc.js";
import { probeDocker } from "./probe.js";
import { openDockerSession, type PullPolicy } from "./session.js";

/** The real engine, as the CLI uses it. */
export const dockerBackend: DockerBackend = {
  probe: () => probeDocker(),
  open: ({ rubric, ...rest }) => openDockerSession({ ...rest, assignment: rubric.assignment }),
};

/** The same backend, building with the given pull policy for base images (`--pull`). */
export function withPullPolicy(backend: DockerBackend, pullPolicy: PullPolicy): DockerBackend {
  return { probe: () => backend.probe(), open: (input) => backend.open({ ...input, pullPolicy }) };
}

/** `dockgrade gc`: removes what crashed runs left, and says what it removed. */
export async function gcCommand(olderThanMinutes: number | undefined, io: CommandIO): Promise<number> {
  const probe = await probeDocker();
  if (!probe.available) {
    io.stderr(`dockgrade gc: no Docker engine reachable (${probe.reason})\n`);
    return 2;
  }
  const removed = await collectGarbage(
    olderThanMinutes === undefined ? {} : { olderThanMs: olderThanMinutes * 60_000 },
  );
  io.stdout(
    `removed ${removed.containers} container(s), ${removed.images} image(s), ${removed.volumes} volume(s), ${removed.networks} network(s), ${removed.tempDirs} temporary folder(s)\n`,
  );
  for (const error of removed.errors) io.stderr(`dockgrade gc: ${error}\n`);
  return removed.errors.length > 0 ? 3 : 0;
}
