import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carriesToken, makeRepo, startGitDaemon, startHttpGitServer, testGit } from "./git-servers.js";

let base: string;
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), "dockgrade-servers-"));
  await makeRepo(path.join(base, "r"), [
    { files: { "a.txt": "1" }, date: "2024-01-01T08:00:00Z", message: "first" },
    { files: { "b/c.txt": Buffer.from([0, 1, 2]) }, date: "2024-01-02T08:00:00+02:00" },
  ]);
});
afterAll(() => rm(base, { recursive: true, force: true }));

const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString("base64")}`;

describe("carriesToken", () => {
  it.each([
    [basic("x-access-token:tok"), true],
    [basic("anyone:tok"), true],
    [basic("tok:"), false],
    [basic("x:tok2"), false],
    ["Bearer tok", true],
    ["bearer tok", true],
    ["Bearer other", false],
    ["Token tok", false],
    [undefined, false],
  ])("%s → %s", (header, expected) => {
    expect(carriesToken(header, "tok")).toBe(expected);
  });
});

describe("makeRepo", () => {
  it("commits at the given dates, keeping earlier files", async () => {
    const log = await testGit(path.join(base, "r"), ["log", "--format=%cI %aI %s"]);
    expect(log).toBe(
      "2024-01-02T08:00:00+02:00 2024-01-02T08:00:00+02:00 commit 2\n" +
        "2024-01-01T08:00:00+00:00 2024-01-01T08:00:00+00:00 first\n",
    );
    expect(await testGit(path.join(base, "r"), ["ls-files"])).toBe("a.txt\nb/c.txt\n");
  });
});

describe("test git servers", () => {
  it("the HTTP server answers 401 without the token and serves git with it", async () => {
    const web = await startHttpGitServer(base, { token: "tok" });
    try {
      const refs = `${web.url("r")}/info/refs?service=git-upload-pack`;
      const denied = await fetch(refs);
      expect(denied.status).toBe(401);
      expect(denied.headers.get("www-authenticate")).toMatch(/^Basic/);
      const served = await fetch(refs, { headers: { Authorization: "Bearer tok" } });
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("application/x-git-upload-pack-advertisement");
      expect(await served.text()).toContain("refs/heads/main");
      expect(web.requests.map((r) => r.authorized)).toEqual([false, true]);
    } finally {
      await web.close();
    }
  });

  it("the git daemon leaves no process behind once closed", async () => {
    const daemon = await startGitDaemon(base);
    const port = new URL(daemon.url("x")).port;
    expect(execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })).toContain(`--port=${port}`);
    await daemon.close();
    expect(execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })).not.toContain(`--port=${port}`);
  });
});
