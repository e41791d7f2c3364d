/**
 * The per-submission Docker session: one image build and one running container shared by every check of
 * a submission. Graders receive it through their context; they never reach the engine any other way.
 */
export interface DockerSession {
  /** A short, unique id; every resource created carries it as the `dockgrade.run` label. */
  readonly runId: string;
  /** Engine version string, for the report. */
  readonly engineVersion: string;
  /** Removes every container, image, volume and network this session created. */
  close(): Promise<void>;
}

/** Whether Docker can be used for this run, and if not why and how to fix it. */
export type DockerAvailability =
  | { available: true; version: string; apiVersion: string }
  | { available: false; reason: string };
