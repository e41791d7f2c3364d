import type { ContainerCreateOptions } from "dockerode";

export interface Limits {
  memoryMb: number;
  cpus: number;
  pids: number;
}

/** A host folder or file (bind) or a session volume (volume) mounted into the container. */
export interface MountSpec {
  type: "bind" | "volume";
  /** Bind: an absolute host path inside a session `tempDir()` or the submission root. Volume: its name. */
  source: string;
  target: string;
  readOnly?: boolean;
}

export interface ContainerOptions {
  /** Image to run; default: the session's built image (built on demand). */
  image?: string;
  cmd?: string[];
  entrypoint?: string[];
  env?: Record<string, string>;
  user?: string;
  workdir?: string;
  /** Container ports to publish on 127.0.0.1 with ephemeral host ports; default [5000]. */
  ports?: number[];
  mounts?: MountSpec[];
  /**
   * Read-only root filesystem with a tmpfs on /tmp (default true). An app that writes elsewhere fails with
   * "Read-only file system"; a grader that sees that (see `readOnlyFailure`) may retry once with false and
   * say so in an `info` finding rather than fail the student for the harness's hardening.
   */
  readOnlyRootfs?: boolean;
  /** tmpfs mounts (path -> options); default `/tmp` of 64 MB. Counted in the memory limit. */
  tmpfs?: Record<string, string>;
  /** Overrides the assignment's limits for this container. */
  limits?: Partial<Limits>;
  /** Capabilities given back after dropping all (for example `["CHOWN", "SETUID", "SETGID"]`). */
  capAdd?: string[];
  /** json-file log cap; default 1 MiB. */
  logMaxBytes?: number;
  /** Suffix of the container name `dockgrade-<runId>-<suffix>`. */
  name?: string;
}

export const DEFAULT_PORTS = [5000];
export const DEFAULT_TMPFS = { "/tmp": "rw,nosuid,nodev,size=64m" };
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;

/** The hardened create request the engine receives for one container. */
export function containerConfig(input: {
  image: string;
  name: string;
  labels: Record<string, string>;
  network: string;
  limits: Limits;
  options: ContainerOptions;
}): ContainerCreateOptions {
  const { options } = input;
  const limits = { ...input.limits, ...options.limits };
  const memory = limits.memoryMb * 1024 * 1024;
  const ports = options.ports ?? DEFAULT_PORTS;
  const readOnly = options.readOnlyRootfs ?? true;
  const portKey = (port: number) => `${port}/tcp`;
  return {
    name: input.name,
    Image: input.image,
    ...(options.cmd ? { Cmd: options.cmd } : {}),
    ...(options.entrypoint ? { Entrypoint: options.entrypoint } : {}),
    ...(options.env ? { Env: Object.entries(options.env).map(([key, value]) => `${key}=${value}`) } : {}),
    ...(options.user ? { User: options.user } : {}),
    ...(options.workdir ? { WorkingDir: options.workdir } : {}),
    Labels: input.labels,
    ExposedPorts: Object.fromEntries(ports.map((port) => [portKey(port), {}])),
    Tty: false,
    OpenStdin: false,
    HostConfig: {
      NetworkMode: input.network,
      // Ephemeral host ports on loopback only: nothing is reachable from another machine.
      PortBindings: Object.fromEntries(
        ports.map((port) => [portKey(port), [{ HostIp: "127.0.0.1", HostPort: "" }]]),
      ),
      Memory: memory,
      MemorySwap: memory,
      NanoCpus: Math.round(limits.cpus * 1e9),
      PidsLimit: limits.pids,
      SecurityOpt: ["no-new-privileges"],
      CapDrop: ["ALL"],
      ...(options.capAdd?.length ? { CapAdd: options.capAdd } : {}),
      ReadonlyRootfs: readOnly,
      ...(readOnly || options.tmpfs ? { Tmpfs: options.tmpfs ?? DEFAULT_TMPFS } : {}),
      Mounts: (options.mounts ?? []).map((mount) => ({
        Type: mount.type,
        Source: mount.source,
        Target: mount.target,
        ReadOnly: mount.readOnly ?? false,
      })),
      LogConfig: {
        Type: "json-file",
        Config: {
          "max-size": `${Math.max(1, Math.ceil((options.logMaxBytes ?? DEFAULT_LOG_MAX_BYTES) / 1024))}k`,
          "max-file": "1",
        },
      },
      RestartPolicy: { Name: "no" },
    },
  };
}

/** Whether a container's output shows it died because the root filesystem is read-only. */
export function readOnlyFailure(output: string): boolean {
  return /read-only file system|EROFS/i.test(output);
}
