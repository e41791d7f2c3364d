import type { Trace } from "../i18n/text.js";
import type { Rubric } from "../rubric/types.js";
import type { SubmissionFiles } from "../submission/files.js";
import type { Submission } from "../submission/types.js";
import { withDeadline } from "./deadline.js";
import { collectGarbage, deadRunsLeft } from "./gc.js";
import { keptLayers } from "./kept-layers.js";
import { openDockerSession } from "./open-session.js";
import { probeDocker } from "./probe.js";
import type { BuildProgress, DockerAvailability, DockerSession, PullPolicy } from "./session.js";

/** The real engine, as the CLI uses it. */
/** How grading reaches Docker; the CLI passes the real engine. */
export interface DockerBackend {
  probe(): Promise<DockerAvailability>;
  open(input: {
    submission: Submission;
    files: SubmissionFiles;
    rubric: Rubric;
    signal?: AbortSignal;
    log: Trace;
    /** Told as each build step starts and prints, for a progress display. */
    onBuildProgress?: (event: BuildProgress) => void;
    /** When base images are pulled (`--pull`); default `missing`. */
    pullPolicy?: PullPolicy;
    /** Sessions of the process with the same key share one image build (identical build contexts). */
    shareBuild?: string;
  }): Promise<DockerSession>;
  /**
   * True when runs killed on this machine are known to have left something (a lease of a dead run, a
   * clone folder of a dead process): a cheap look that asks the engine nothing, so a command that may need
   * no engine at all (a class whose reports are all reused) probes it, and reclaims, only then.
   */
  deadRunsLeft?(): Promise<boolean>;
  /**
   * Keeps the build layers of the sessions closed from now on, for the next builds of the same steps,
   * until the returned function removes them (see kept-layers.ts). A class (`batch`, `check --watch`) holds
   * it for its whole run; without it, a session's close removes its image with its untagged parents.
   */
  keepLayers?(): () => Promise<void>;
}

export const dockerBackend: DockerBackend = {
  probe: async () => {
    const availability = await probeDocker();
    if (availability.available) await reclaimDeadRuns();
    return availability;
  },
  open: ({ rubric, ...rest }) => openDockerSession({ ...rest, assignment: rubric.assignment }),
  deadRunsLeft,
  keepLayers: () => keptLayers.hold(),
};

/** The same backend, building with the given pull policy for base images (`--pull`). */
export function withPullPolicy(backend: DockerBackend, pullPolicy: PullPolicy): DockerBackend {
  return {
    probe: () => backend.probe(),
    open: (input) => backend.open({ ...input, pullPolicy }),
    deadRunsLeft: () => backend.deadRunsLeft?.() ?? Promise.resolve(false),
    ...(backend.keepLayers ? { keepLayers: backend.keepLayers.bind(backend) } : {}),
  };
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
