import type { DockerBackend } from "../commands/check.js";
import type { CommandIO } from "../commands/io.js";

// TEMPORARY until the Docker session lands: Docker is reported unavailable.
export const dockerBackend: DockerBackend = {
  probe: async () => ({ available: false, reason: "Docker support is not built yet" }),
  open: async () => {
    throw new Error("Docker support is not built yet");
  },
};

export async function gcCommand(_olderThanMinutes: number | undefined, io: CommandIO): Promise<number> {
  io.stderr("nothing to collect\n");
  return 0;
}
