import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { folderFiles, makeRepo, startHttpGitServer, type TestGitServer } from "../testing/git-servers.js";
import { dockgradeTempEntries, FIXTURES, removeTemp, runCli, testTemp } from "./harness.js";

const TOKEN = "ghp_HostileTestToken0123456789";
const FORMS = [TOKEN, encodeURIComponent(TOKEN), Buffer.from(`student:${TOKEN}`).toString("base64")];
const RUBRIC = path.join(FIXTURES, "rubric-static");
let tmp: string;
let web: TestGitServer;

beforeAll(async () => {
  tmp = await testTemp();
  await makeRepo(path.join(tmp, "repos", "lab"), [
    { files: await folderFiles(path.join(FIXTURES, "noisy")) },
  ]);
  web = await startHttpGitServer(path.join(tmp, "repos"));
});
afterAll(async () => {
  await web.close();
  await removeTemp(tmp);
});

async function everythingWritten(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const texts = await Promise.all(
    names.map((name) => readFile(path.join(dir, name), "utf8").catch(() => "")),
  );
  return names.join("\n") + texts.join("\n");
}

describe("a URL with credentials given to dockgrade check", () => {
  it.each(["text", "md", "json", "classroom", "github"])(
    "grades it, and the token appears in no output (--format %s) nor file",
    async (format) => {
      const url = web.url("lab").replace("http://", `http://student:${TOKEN}@`);
      const out = path.join(tmp, `out-${format}`);
      const run = runCli(["check", url, "--rubric", RUBRIC, "--out", out, "--format", format], tmp);
      expect(await run.exited, run.stderr()).toBe(0);
      const seen = run.stdout() + run.stderr() + (await everythingWritten(out));
      expect(seen).toContain("127.0.0.1");
      for (const form of FORMS) expect(seen).not.toContain(form);
    },
    120_000,
  );

  it("says why a clone failed without the token", async () => {
    const url = web.url("missing").replace("http://", `http://student:${TOKEN}@`);
    const run = runCli(["check", url, "--rubric", RUBRIC, "--no-out"], tmp);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/127\.0\.0\.1/);
    for (const form of FORMS) expect(run.stdout() + run.stderr()).not.toContain(form);
  }, 120_000);

  it("leaves no clone folder behind", async () => {
    expect(await dockgradeTempEntries(tmp)).toEqual([]);
  });
});
