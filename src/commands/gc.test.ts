import { describe, expect, it } from "vitest";
import { gcCommand } from "./gc.js";

const counts = { containers: 1, images: 2, volumes: 0, networks: 1, tempDirs: 3 };

async function gc(collect: () => Promise<typeof counts & { errors: string[] }>, available = true) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await gcCommand(
    {},
    { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
    {
      probe: async () =>
        available
          ? { available: true as const, version: "27", apiVersion: "1.47" }
          : { available: false as const, reason: "no socket" },
      collect,
      lang: "en",
    },
  );
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("dockgrade gc", () => {
  it("says what it removed and exits 0", async () => {
    const result = await gc(async () => ({ ...counts, errors: [] }));
    expect(result).toEqual({
      code: 0,
      stdout: "removed 1 container(s), 2 image(s), 0 volume(s), 1 network(s), 3 temporary folder(s)\n",
      stderr: "",
    });
  });

  it("an engine that fails midway is exit 2 with its cause, not an internal bug", async () => {
    const result = await gc(async () => {
      throw new Error("connect ECONNREFUSED /var/run/docker.sock");
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the Docker engine failed while cleaning up (connect ECONNREFUSED");
  });

  it("removals the engine refused are listed, exit 2", async () => {
    const result = await gc(async () => ({ ...counts, errors: ["image abc: conflict, in use"] }));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("dockgrade gc: the engine refused a removal: image abc: conflict, in use\n");
  });

  it("no engine at all is exit 2 with the reason", async () => {
    const result = await gc(async () => ({ ...counts, errors: [] }), false);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no Docker engine reachable (no socket)");
  });
});
