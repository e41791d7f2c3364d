import { describe, expect, it } from "vitest";
import { containerConfig, readOnlyFailure } from "./container-config.js";

const base = {
  image: "sha256:abc",
  name: "dockgrade-run1-c1",
  labels: { "dockgrade.run": "run1" },
  network: "dockgrade-run1",
  limits: { memoryMb: 256, cpus: 0.5, pids: 64 },
};

describe("containerConfig", () => {
  it("hardens by default: limits, no privileges, read-only root, loopback-only port 5000", () => {
    const config = containerConfig({ ...base, options: {} });
    expect(config).toMatchObject({
      name: "dockgrade-run1-c1",
      Image: "sha256:abc",
      Labels: { "dockgrade.run": "run1" },
      ExposedPorts: { "5000/tcp": {} },
      HostConfig: {
        NetworkMode: "dockgrade-run1",
        PortBindings: { "5000/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
        Memory: 256 * 1024 * 1024,
        MemorySwap: 256 * 1024 * 1024,
        NanoCpus: 500_000_000,
        PidsLimit: 64,
        SecurityOpt: ["no-new-privileges"],
        CapDrop: ["ALL"],
        ReadonlyRootfs: true,
        Tmpfs: { "/tmp": "rw,nosuid,nodev,size=64m" },
        Mounts: [],
        LogConfig: { Type: "json-file", Config: { "max-size": "1024k", "max-file": "1" } },
      },
    });
    expect(config.HostConfig?.CapAdd).toBeUndefined();
    expect(config.Cmd).toBeUndefined();
  });

  it("applies the options a grader asks for", () => {
    const config = containerConfig({
      ...base,
      options: {
        ports: [8000, 5000],
        readOnlyRootfs: false,
        limits: { memoryMb: 64 },
        env: { QUOTES: "/data/q.txt" },
        cmd: ["python3", "app.py"],
        user: "1000",
        capAdd: ["CHOWN"],
        logMaxBytes: 10_000,
        mounts: [
          { type: "bind", source: "/tmp/x/quotes.txt", target: "/app/data/quotes.txt", readOnly: true },
          { type: "volume", source: "dockgrade-run1-v1", target: "/data" },
        ],
      },
    });
    expect(config.Env).toEqual(["QUOTES=/data/q.txt"]);
    expect(config.Cmd).toEqual(["python3", "app.py"]);
    expect(config.User).toBe("1000");
    expect(Object.keys(config.ExposedPorts ?? {})).toEqual(["8000/tcp", "5000/tcp"]);
    expect(config.HostConfig).toMatchObject({
      Memory: 64 * 1024 * 1024,
      NanoCpus: 500_000_000,
      ReadonlyRootfs: false,
      CapAdd: ["CHOWN"],
      LogConfig: { Config: { "max-size": "10k" } },
      Mounts: [
        { Type: "bind", Source: "/tmp/x/quotes.txt", Target: "/app/data/quotes.txt", ReadOnly: true },
        { Type: "volume", Source: "dockgrade-run1-v1", Target: "/data", ReadOnly: false },
      ],
    });
    expect(config.HostConfig?.Tmpfs).toBeUndefined();
  });
});

describe("readOnlyFailure", () => {
  it.each([
    ["OSError: [Errno 30] Read-only file system: '/app/log.txt'", true],
    ["touch: cannot touch '/x': Read-only file system", true],
    ["Error: EROFS: read-only file system, open '/app/x'", true],
    ["[INFO] Listening at: http://0.0.0.0:5000", false],
  ])("%s -> %s", (output, expected) => {
    expect(readOnlyFailure(output)).toBe(expected);
  });
});
