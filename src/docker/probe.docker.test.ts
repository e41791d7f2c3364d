import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { probeDocker } from "./probe.js";

const saved = process.env.DOCKER_HOST;
afterEach(() => {
  if (saved === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = saved;
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

// The real engine comes first: testcontainers keeps the first client it makes for the whole process.
describe("probeDocker", () => {
  it("finds the running engine and its versions", async () => {
    const { value } = await timed(() => probeDocker());
    expect(value).toMatchObject({
      available: true,
      version: expect.stringMatching(/^\d+\.\d+/),
      apiVersion: expect.stringMatching(/^1\.\d+$/),
    });
  });

  it("says fast that DOCKER_HOST names a socket that does not exist", async () => {
    process.env.DOCKER_HOST = "unix:///nonexistent.sock";
    const { value, ms } = await timed(() => probeDocker(2000));
    expect(value).toEqual({
      available: false,
      reason:
        "no Docker socket /nonexistent.sock (set by DOCKER_HOST=unix:///nonexistent.sock): Docker is not installed or not started",
    });
    expect(ms).toBeLessThan(2000);
  });

  it("says no daemon answers when DOCKER_HOST names a dead socket file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-probe-test-"));
    try {
      const file = path.join(dir, "docker.sock");
      await writeFile(file, "");
      process.env.DOCKER_HOST = `unix://${file}`;
      const { value, ms } = await timed(() => probeDocker(2000));
      expect(value.available).toBe(false);
      if (!value.available) expect(value.reason).toMatch(/refuses connections: no daemon answers there/);
      expect(ms).toBeLessThan(2000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("does not fall back to another engine when DOCKER_HOST accepts but never answers", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-probe-test-"));
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket)); // accepts, says nothing
    try {
      const file = path.join(dir, "silent.sock");
      await new Promise<void>((resolve) => server.listen(file, resolve));
      process.env.DOCKER_HOST = `unix://${file}`;
      const { value, ms } = await timed(() => probeDocker(1500));
      expect(value.available).toBe(false);
      if (!value.available) expect(value.reason).toMatch(/silent\.sock/);
      expect(ms).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
