import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { withDeadline } from "./deadline.js";
import { applyDockerContext } from "./docker-context.js";

/** The engine client: dockerode, as testcontainers configures it (DOCKER_HOST, default and rootless sockets). */
export type Engine = Dockerode;

/**
 * The one way dockgrade reaches the engine. On a plain local socket (DOCKER_HOST `unix://…`, or unset with
 * /var/run/docker.sock present, no TLS settings, no ~/.testcontainers.properties) dockerode is used
 * directly: that is what testcontainers would configure, without loading its 600 modules (about a third of
 * a second of CPU, on the critical path of every check). Elsewhere testcontainers picks the endpoint
 * (`DOCKER_HOST`, else the current docker context's, `~/.testcontainers.properties`, rootless and Docker
 * Desktop sockets) and keeps one client for the process. Either way dockerode talks to unversioned API
 * paths, so engines 24 to 29 all answer.
 */
export async function connectEngine(timeoutMs = 10_000): Promise<Engine> {
  applyDockerContext();
  const socket = localSocket(process.env);
  if (socket) {
    let client = plainClients.get(socket);
    if (!client) {
      client = import("dockerode").then(({ default: Docker }) => new Docker({ socketPath: socket }));
      plainClients.set(socket, client);
    }
    return client;
  }
  const { getContainerRuntimeClient } = await import("testcontainers");
  const client = await withDeadline(
    getContainerRuntimeClient(),
    timeoutMs,
    "connecting to the Docker engine",
  );
  return client.container.dockerode;
}

/** One client per socket for the process, as testcontainers keeps one. */
const plainClients = new Map<string, Promise<Engine>>();

/** The local socket dockerode can use as is, when nothing asks for testcontainers' endpoint discovery. */
export function localSocket(
  env: NodeJS.ProcessEnv,
  exists: (file: string) => boolean = existsSync,
  home = os.homedir(),
): string | undefined {
  if (env.DOCKER_TLS_VERIFY || env.DOCKER_CERT_PATH) return undefined;
  if (exists(path.join(home, ".testcontainers.properties"))) return undefined;
  const host = env.DOCKER_HOST;
  if (host) return host.startsWith("unix://") ? host.slice("unix://".length) : undefined;
  return exists(DEFAULT_SOCKET) ? DEFAULT_SOCKET : undefined;
}

const DEFAULT_SOCKET = "/var/run/docker.sock";

/** HTTP status of an engine error (404 no such object, 409 conflict, 304 nothing to do), if any. */
export function engineStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** `docker image inspect`, or undefined when the engine has no such image; other errors are thrown. */
export async function inspectImageIfPresent(
  engine: Engine,
  reference: string,
): Promise<Dockerode.ImageInspectInfo | undefined> {
  try {
    return await engine.getImage(reference).inspect();
  } catch (error) {
    if (engineStatus(error) === 404) return undefined;
    throw error;
  }
}

/** The engine's own message for an error (its JSON `message`), else the error's message. */
export function engineMessage(error: unknown): string {
  const json = (error as { json?: { message?: unknown } } | undefined)?.json;
  if (json && typeof json.message === "string") return json.message.trim();
  const message = error instanceof Error ? error.message : String(error);
  // docker-modem words a non-JSON answer as "(HTTP code 500) server error - <engine message> ".
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
}

/** Runs a removal; "already gone" (404) and "removal already in progress" (409) count as done. */
export async function removeQuietly(remove: () => Promise<unknown>): Promise<"removed" | "gone" | Error> {
  try {
    await remove();
    return "removed";
  } catch (error) {
    const status = engineStatus(error);
    if (status === 404) return "gone";
    if (status === 409 && /already in progress/i.test(engineMessage(error))) return "gone";
    return error instanceof Error ? error : new Error(String(error));
  }
}
