import { createRequire } from "node:module";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Bilingual } from "../i18n/text.js";
import type { Engine } from "./engine.js";
import {
  DEFAULT_REAPER_IMAGE,
  REAPER_NETWORK,
  ReaperConnection,
  reaperContainer,
  reaperSetting,
  resetReaperForTests,
  runFilterLine,
  watchRun,
} from "./reaper.js";

const SOCKET = "/var/run/docker.sock";

describe("reaperSetting", () => {
  it.each(["true", "TRUE", "1", "yes"])("is off when TESTCONTAINERS_RYUK_DISABLED=%s", (value) => {
    expect(reaperSetting({ TESTCONTAINERS_RYUK_DISABLED: value }, SOCKET, "linux")).toEqual({
      on: false,
      reason: { en: "TESTCONTAINERS_RYUK_DISABLED is set", fr: "TESTCONTAINERS_RYUK_DISABLED est défini" },
    });
  });

  it.each([
    { DOCKER_HOST: "tcp://10.0.0.5:2376" },
    { DOCKER_HOST: "ssh://grader@10.0.0.5" },
    { DOCKER_HOST: "unix:///var/run/docker.sock", DOCKER_TLS_VERIFY: "1" },
  ])("is off for an engine not reached through a plain local socket: %j", (env) => {
    const setting = reaperSetting(env, undefined, "linux");
    expect(setting.on).toBe(false);
    expect(setting.on === false && setting.reason.en).toMatch(/not reached through a plain local socket/);
    expect(setting.on === false && setting.reason.fr).toMatch(/pas joint par un simple socket local/);
  });

  it("starts testcontainers' default image with the engine's socket, unless told otherwise", () => {
    expect(reaperSetting({ TESTCONTAINERS_RYUK_DISABLED: "false" }, SOCKET, "linux")).toEqual({
      on: true,
      image: DEFAULT_REAPER_IMAGE,
      socket: SOCKET,
      privileged: false,
      env: [],
    });
    const custom = reaperSetting(
      {
        RYUK_CONTAINER_IMAGE: "mirror.local/ryuk:0.14.0",
        TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE: "/run/docker.sock",
        TESTCONTAINERS_RYUK_PRIVILEGED: "true",
        TESTCONTAINERS_RYUK_RECONNECTION_TIMEOUT: "5s",
        TESTCONTAINERS_RYUK_VERBOSE: "true",
      },
      "/run/user/1000/docker.sock",
      "linux",
    );
    expect(custom).toEqual({
      on: true,
      image: "mirror.local/ryuk:0.14.0",
      socket: "/run/docker.sock",
      privileged: true,
      env: ["RYUK_RECONNECTION_TIMEOUT=5s", "RYUK_VERBOSE=true"],
    });
  });

  it("mounts a rootless engine's own socket, and Docker Desktop's VM socket off Linux", () => {
    const rootless = reaperSetting({}, "/run/user/1000/docker.sock", "linux");
    expect(rootless.on && rootless.socket).toBe("/run/user/1000/docker.sock");
    const desktop = reaperSetting({}, "/Users/ada/.docker/run/docker.sock", "darwin");
    expect(desktop.on && desktop.socket).toBe("/var/run/docker.sock");
  });

  it("names the image testcontainers itself starts", () => {
    const previous = process.env.RYUK_CONTAINER_IMAGE;
    delete process.env.RYUK_CONTAINER_IMAGE;
    try {
      const require = createRequire(import.meta.url);
      const { getReaperImage } = require("testcontainers/build/reaper/reaper.js") as {
        getReaperImage(): string;
      };
      expect(getReaperImage()).toBe(DEFAULT_REAPER_IMAGE);
    } finally {
      if (previous !== undefined) process.env.RYUK_CONTAINER_IMAGE = previous;
    }
  });
});

describe("the reaper's container", () => {
  const setting = reaperSetting({}, SOCKET, "linux");
  if (!setting.on) throw new Error("setting expected on");

  it("is reachable on 127.0.0.1 only, on the reapers' own network, and goes when it exits", () => {
    const config = reaperContainer(setting, "abc123");
    expect(config.HostConfig.PortBindings).toEqual({ "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] });
    expect(config.HostConfig.NetworkMode).toBe(REAPER_NETWORK);
    expect(config.HostConfig.AutoRemove).toBe(true);
    expect(config.HostConfig.Binds).toEqual([`${SOCKET}:/var/run/docker.sock`]);
    expect(config.HostConfig).toMatchObject({ CapDrop: ["ALL"], ReadonlyRootfs: true });
  });

  it("is labelled as a run of its own, owned by this process, so gc removes it if it outlives it", () => {
    const { Labels, name } = reaperContainer(setting, "abc123");
    expect(name).toBe("dockgrade-abc123-reaper");
    expect(Labels).toMatchObject({
      "dockgrade.run": "abc123",
      "dockgrade.kind": "reaper",
      "dockgrade.pid": String(process.pid),
      "org.testcontainers.ryuk": "false",
    });
  });
});

describe("runFilterLine", () => {
  it("names exactly one run", () => {
    expect(runFilterLine("mx2zhb1c2c4f0c0b")).toBe("label=dockgrade.run=mx2zhb1c2c4f0c0b\r\n");
  });

  it.each(["", "a\r\nlabel=dockgrade.run", "a&label=x", "A1"])("refuses %j", (runId) => {
    expect(() => runFilterLine(runId)).toThrow(/not a run id/);
  });
});

/** A TCP server on 127.0.0.1 answering each line as `answer` says; returns its port and the lines seen. */
async function fakeReaper(answer: (line: string, socket: net.Socket) => void) {
  const lines: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        lines.push(line);
        answer(line, socket);
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  servers.push({ server, sockets });
  return { port, lines, sockets };
}
const servers: Array<{ server: net.Server; sockets: Set<net.Socket> }> = [];
afterEach(async () => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("ReaperConnection", () => {
  it("sends filter lines and waits for each ACK", async () => {
    const reaper = await fakeReaper((_line, socket) => socket.write("ACK\n"));
    const connection = await ReaperConnection.open("127.0.0.1", reaper.port, runFilterLine("run1"), 2000);
    expect(connection?.open).toBe(true);
    expect(await connection?.send(runFilterLine("run2"))).toBe(true);
    expect(reaper.lines).toEqual(["label=dockgrade.run=run1\r", "label=dockgrade.run=run2\r"]);
  });

  it("gives up on a port that accepts and closes (the engine's proxy before the reaper listens)", async () => {
    const reaper = await fakeReaper((_line, socket) => socket.destroy());
    expect(
      await ReaperConnection.open("127.0.0.1", reaper.port, runFilterLine("run1"), 2000),
    ).toBeUndefined();
  });

  it("reports a filter never acknowledged, and a closed reaper", async () => {
    let acks = 1;
    const reaper = await fakeReaper((_line, socket) => {
      if (acks-- > 0) socket.write("ACK\n");
    });
    const connection = await ReaperConnection.open("127.0.0.1", reaper.port, runFilterLine("run1"), 2000);
    expect(await connection?.send(runFilterLine("run2"), 300)).toBe(false);
    for (const socket of reaper.sockets) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connection?.open).toBe(false);
    expect(await connection?.send(runFilterLine("run3"))).toBe(false);
  });
});

describe("watchRun", () => {
  afterEach(() => resetReaperForTests());

  it("touches no engine when the reaper is off, and says so once in the log", async () => {
    resetReaperForTests({ TESTCONTAINERS_RYUK_DISABLED: "true" });
    const lines: Bilingual[] = [];
    const engine = new Proxy({} as Engine, {
      get: () => {
        throw new Error("the engine was used");
      },
    });
    const log = (line: Bilingual) => lines.push(line);
    expect(await watchRun(engine, "run1", { log })).toMatchObject({
      on: false,
      reason: { en: "TESTCONTAINERS_RYUK_DISABLED is set" },
    });
    await watchRun(engine, "run2", { log });
    expect(lines).toEqual([
      {
        en: "No reaper for this process: TESTCONTAINERS_RYUK_DISABLED is set. Leases and `dockgrade gc` still remove what a killed run leaves.",
        fr: "Pas de nettoyeur (reaper) pour ce processus : TESTCONTAINERS_RYUK_DISABLED est défini. Les baux et `dockgrade gc` suppriment toujours ce qu'un passage tué laisse.",
      },
    ]);
  });
});
