import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The engine address of the current docker context (`docker context use colima`), which testcontainers
 * does not read by itself. Only when DOCKER_HOST is unset, as with the docker CLI; `default` and contexts
 * on other transports (ssh) give undefined.
 */
export function dockerContextHost(
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string | undefined {
  if (env.DOCKER_HOST) return undefined;
  const configDir = env.DOCKER_CONFIG || path.join(home, ".docker");
  const name = env.DOCKER_CONTEXT || readJson(path.join(configDir, "config.json"))?.currentContext;
  if (typeof name !== "string" || name === "" || name === "default") return undefined;
  // The CLI stores each context's metadata under the sha256 of its name.
  const digest = createHash("sha256").update(name).digest("hex");
  const meta = readJson(path.join(configDir, "contexts", "meta", digest, "meta.json"));
  const host = meta?.Endpoints?.docker?.Host;
  return typeof host === "string" && /^(unix|tcp):\/\//.test(host) ? host : undefined;
}

/**
 * Sets DOCKER_HOST from the current docker context, before the first connection reads it; returns where
 * DOCKER_HOST comes from, for messages (undefined when it is not set).
 */
export function applyDockerContext(
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string | undefined {
  if (env.DOCKER_HOST) return sourceOf.get(env)?.(env.DOCKER_HOST) ?? `DOCKER_HOST=${env.DOCKER_HOST}`;
  const host = dockerContextHost(env, home);
  if (!host) return undefined;
  env.DOCKER_HOST = host;
  const source = `the docker context ${env.DOCKER_CONTEXT || "in use"} (${host})`;
  // Remembered for later calls, unless someone sets DOCKER_HOST to something else meanwhile.
  sourceOf.set(env, (current) => (current === host ? source : undefined));
  return source;
}

const sourceOf = new WeakMap<NodeJS.ProcessEnv, (current: string) => string | undefined>();

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON files are read loosely, field by field.
function readJson(file: string): any {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
