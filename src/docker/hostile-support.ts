import { randomBytes } from "node:crypto";
// For the build sandbox's `*.docker.test.ts` only: a loopback server holding a fake secret, hostile fixture
// repositories written out with the test's addresses, a local "solution" image, and a package index test host.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packContext, scanContext } from "./build-context.js";
import { JsonLines } from "./build-log.js";
import type { Engine } from "./engine.js";
import { resourceLabels } from "./labels.js";

export const HOSTILE = fileURLToPath(new URL("./__fixtures__/hostile/", import.meta.url));
export const SECRET = `dockgrade-test-secret-${Math.random().toString(36).slice(2)}`;

/** An HTTP server answering SECRET to every request, on a random port of one address (127.0.0.1 by default). */
export async function secretServer(
  host = "127.0.0.1",
): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_, response) => {
    hits++;
    response.end(SECRET);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${host}:${port}/secret`, hits: () => hits };
}

/**
 * Copies a fixture into a new temporary folder, `@NAME@` placeholders replaced; returns the folder. Links
 * in a fixture are copied as the files they name: a fixture shares a file with another by a link to it
 * (`index-held/fork.py`).
 */
export async function materialize(fixture: string, values: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-hostile-"));
  await cp(path.join(HOSTILE, fixture), dir, { recursive: true, dereference: true });
  const nonce = freshNonce();
  for (const name of await readdir(dir))
    await fillPlaceholders(path.join(dir, name), { NONCE: nonce, ...values });
  return dir;
}

/**
 * A value for `@NONCE@`, new at every call: a build step that holds it never comes from the layer cache
 * (another run on the engine may hold the same layers), so what the step prints is there to be read.
 */
export function freshNonce(): string {
  return randomBytes(6).toString("hex");
}

/** Replaces the `@NAME@` placeholders of one file with `values` (unknown names stay as written). */
export async function fillPlaceholders(file: string, values: Record<string, string>): Promise<void> {
  const text = await readFile(file, "utf8");
  await writeFile(
    file,
    text.replace(/@([A-Z]+)@/g, (whole, key: string) => values[key] ?? whole),
  );
}

/** Builds `dir` with the classic builder, offline, labelled with `runId`; returns the image id. */
export async function buildHelper(engine: Engine, dir: string, tag: string, runId: string): Promise<string> {
  const context = await scanContext(dir, { state: "absent" });
  if (!context.ok) throw new Error(`cannot read ${dir}`);
  const stream = await engine.buildImage(packContext(dir, context), {
    t: tag,
    labels: resourceLabels(runId, "image"),
    version: "1",
    rm: true,
    forcerm: true,
    networkmode: "none",
  });
  const lines = new JsonLines();
  let id: string | undefined;
  for await (const chunk of stream) {
    for (const message of lines.push(String(chunk)) as Array<Record<string, unknown>>) {
      if (message.error) throw new Error(`helper build failed: ${String(message.error)}`);
      const aux = message.aux as { ID?: string } | undefined;
      if (aux?.ID) id = aux.ID;
    }
  }
  if (!id) throw new Error("helper build produced no image");
  return id;
}

/** A local-only image holding `/secret` (an instructor's solution image, as far as the sandbox can tell). */
export async function solutionImage(engine: Engine, runId: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-hostile-"));
  try {
    await writeFile(path.join(dir, "secret"), SECRET);
    await writeFile(path.join(dir, "Dockerfile"), "FROM python:3.12-slim\nCOPY secret /secret\n");
    const tag = `dockgrade-test-solution-${runId}:latest`;
    await buildHelper(engine, dir, tag, runId);
    return tag;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A package index test host: a container serving a PEP 503 simple index with one wheel (dgdemo 1.0, built in
 * its image), known as `pyindex` on an internal network of its own, which leads nowhere else.
 */
export async function packageIndex(engine: Engine, runId: string): Promise<{ network: string }> {
  const tag = `dockgrade-test-index-${runId}:latest`;
  await buildHelper(engine, path.join(HOSTILE, "index-host"), tag, runId);
  const network = `dockgrade-test-index-${runId}`;
  await engine.createNetwork({
    Name: network,
    Driver: "bridge",
    Internal: true,
    Labels: resourceLabels(runId, "network"),
  });
  const container = await engine.createContainer({
    name: `dockgrade-test-index-${runId}`,
    Image: tag,
    Labels: resourceLabels(runId, "container"),
    HostConfig: { NetworkMode: network, ReadonlyRootfs: true, CapDrop: ["ALL"], PidsLimit: 64 },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: ["pyindex"] } } },
  });
  await container.start();
  for (let i = 0; i < 100; i++) {
    const logs = String(await container.logs({ stdout: true, stderr: true }));
    if (/Serving HTTP/.test(logs)) return { network };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the package index test host did not start");
}

/** The gateway of the engine's default bridge: the host, as containers on it see it. */
export async function bridgeGateway(engine: Engine): Promise<string> {
  const bridge = await engine.getNetwork("bridge").inspect();
  const config = bridge.IPAM?.Config?.[0] as { Gateway?: string; Subnet?: string } | undefined;
  // Engines leave the default bridge's gateway out of inspect: it is the subnet's first address.
  const gateway = config?.Gateway ?? config?.Subnet?.replace(/\.0\/\d+$/, ".1");
  if (!gateway || gateway.includes("/")) throw new Error("the default bridge has no gateway");
  return gateway;
}
