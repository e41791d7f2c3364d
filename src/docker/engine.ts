import type Dockerode from "dockerode";
import { withDeadline } from "./deadline.js";
import { applyDockerContext } from "./docker-context.js";

/** The engine client: dockerode, as testcontainers configures it (DOCKER_HOST, default and rootless sockets). */
export type Engine = Dockerode;

/**
 * The one way dockgrade reaches the engine. testcontainers picks the endpoint (`DOCKER_HOST`, else the
 * current docker context's, `~/.testcontainers.properties`, `/var/run/docker.sock`, rootless and Docker
 * Desktop sockets) and keeps one client for the process; its dockerode talks to unversioned API paths,
 * so engines 24 to 29 all answer. testcontainers (and with it dockerode and undici) loads on the first
 * connection only: commands that never reach the engine start without it.
 */
export async function connectEngine(timeoutMs = 10_000): Promise<Engine> {
  applyDockerContext();
  const { getContainerRuntimeClient } = await import("testcontainers");
  const client = await withDeadline(
    getContainerRuntimeClient(),
    timeoutMs,
    "connecting to the Docker engine",
  );
  return client.container.dockerode;
}

/** HTTP status of an engine error (404 no such object, 409 conflict, 304 nothing to do), if any. */
export function engineStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === "number" ? status : undefined;
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
