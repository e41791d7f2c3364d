import net from "node:net";
import { DeadlineError, formatSeconds, withDeadline } from "./deadline.js";
import { applyDockerContext } from "./docker-context.js";
import { connectEngine, type Engine } from "./engine.js";
import type { DockerAvailability } from "./session.js";

export type Endpoint =
  | { kind: "unix"; path: string; raw: string }
  | { kind: "tcp"; host: string; port: number; raw: string }
  | { kind: "other"; raw: string };

const DEFAULT_SOCKET = "/var/run/docker.sock";

/** Where `DOCKER_HOST` points, if it is set. */
export function parseDockerHost(raw: string | undefined): Endpoint | undefined {
  if (!raw) return undefined;
  if (raw.startsWith("unix://")) return { kind: "unix", path: raw.slice("unix://".length), raw };
  const tcp = /^(?:tcp|http|https):\/\/\[?([^\]/]+?)\]?(?::(\d+))?\/?$/.exec(raw);
  if (tcp?.[1]) return { kind: "tcp", host: tcp[1], port: Number(tcp[2] ?? 2375), raw };
  return { kind: "other", raw };
}

/** A human reason for a connection error code, with what to do about it. */
export function connectProblem(code: string | undefined, endpoint: Endpoint, source?: string): string {
  const where =
    endpoint.kind === "unix"
      ? `socket ${endpoint.path}`
      : endpoint.kind === "tcp"
        ? `engine address ${endpoint.host}:${endpoint.port}`
        : endpoint.raw;
  const via = source ? ` (set by ${source})` : "";
  switch (code) {
    case "ENOENT":
      return `no Docker ${where}${via}: Docker is not installed or not started`;
    case "EACCES":
    case "EPERM":
      return `permission denied on the Docker ${where}${via}: add your user to the docker group (then log in again) or run as a user allowed to use Docker`;
    case "ECONNREFUSED":
      return `the Docker ${where}${via} refuses connections: no daemon answers there; start the Docker daemon (or Docker Desktop)`;
    case "ETIMEDOUT":
      return `the Docker ${where}${via} does not answer (connection timed out)`;
    case "ENOTSOCK":
      return `the Docker ${where}${via} is not a socket`;
    default:
      return `the Docker ${where}${via} is not reachable${code ? ` (${code})` : ""}`;
  }
}

/**
 * Is an engine usable, which version, or why not. Never throws and answers within about `timeoutMs` even
 * when nothing listens. An explicit `DOCKER_HOST` (or the current docker context) is honoured strictly:
 * when it is dead the answer is "unavailable", not a silent fall back to another engine, as with the CLI.
 */
export async function probeDocker(timeoutMs = 3000): Promise<DockerAvailability> {
  const source = applyDockerContext();
  const wanted = parseDockerHost(process.env.DOCKER_HOST);
  const target: Endpoint = wanted ?? { kind: "unix", path: DEFAULT_SOCKET, raw: `unix://${DEFAULT_SOCKET}` };
  try {
    if (wanted) {
      const code = await connectError(wanted, timeoutMs);
      if (code) return { available: false, reason: connectProblem(code, wanted, source) };
    }
    const engine = await connectEngine(timeoutMs);
    if (wanted && !usesEndpoint(engine, wanted)) {
      return { available: false, reason: `${source ?? wanted.raw} does not answer as a Docker engine` };
    }
    const version = await withDeadline(engine.version(), timeoutMs, "asking the Docker engine its version");
    return { available: true, version: version.Version, apiVersion: version.ApiVersion };
  } catch (error) {
    if (error instanceof DeadlineError) {
      return {
        available: false,
        reason: `the Docker engine${wanted ? ` at ${source ?? wanted.raw}` : ""} did not answer within ${formatSeconds(timeoutMs)}`,
      };
    }
    const code = await connectError(target, timeoutMs).catch(() => undefined);
    if (code) return { available: false, reason: connectProblem(code, target, source) };
    return { available: false, reason: `the Docker engine is not usable: ${(error as Error).message}` };
  }
}

/** Opens (and closes) a bare connection to the endpoint: the error code, or undefined when it connects. */
async function connectError(endpoint: Endpoint, timeoutMs: number): Promise<string | undefined> {
  if (endpoint.kind === "other") return undefined;
  return new Promise((resolve) => {
    const socket =
      endpoint.kind === "unix"
        ? net.connect({ path: endpoint.path })
        : net.connect({ host: endpoint.host, port: endpoint.port });
    const done = (code: string | undefined) => {
      socket.destroy();
      resolve(code);
    };
    socket.setTimeout(timeoutMs, () => done("ETIMEDOUT"));
    socket.once("connect", () => done(undefined));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code ?? "EUNKNOWN"));
  });
}

function usesEndpoint(engine: Engine, endpoint: Endpoint): boolean {
  const modem = engine.modem as { socketPath?: string; host?: string };
  if (endpoint.kind === "unix") return modem.socketPath === endpoint.path;
  if (endpoint.kind === "tcp") return modem.host === endpoint.host;
  return true;
}
