import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REPORT_CANDIDATES } from "../rubric/types.js";
import {
  makeRepo,
  startGitDaemon,
  startHttpGitServer,
  startStallingServer,
  type TestGitServer,
  type TestHttpGitServer,
  testGit,
} from "../testing/git-servers.js";
import { type Clone, cloneSubmission, SubmissionError } from "./git-source.js";
import { resolveSubmission } from "./resolve.js";

const TOKEN = "ghp_TestToken1234567890abcdef";
const TOKEN_FORMS = [TOKEN, Buffer.from(`x-access-token:${TOKEN}`).toString("base64")];
const DATES = ["2024-03-01T10:00:00Z", "2024-03-02T10:00:00Z", "2024-03-03T10:00:00Z"];

let base: string;
let scratch: string;
let ids: string[];
let daemon: TestGitServer;
let web: TestHttpGitServer;
let stall: TestGitServer;
const savedTmp = process.env.TMPDIR;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), "dockgrade-origins-"));
  // Clones go to a folder of their own, so the test can see that failures leave nothing behind.
  scratch = path.join(base, "..", `${path.basename(base)}-clones`);
  await mkdir(scratch);
  process.env.TMPDIR = scratch;
  ids = await makeRepo(
    path.join(base, "alice"),
    DATES.map((date, i) => ({ date, files: { Dockerfile: "FROM x\n", "README.md": `## Etape ${i}\n` } })),
  );
  await makeRepo(path.join(base, "private"), [
    { files: { Dockerfile: "FROM x\n", "README.md": "## Etape 1\n" } },
  ]);
  await makeRepo(path.join(base, "big"), [{ files: { "blob.bin": randomBytes(3 * 1024 * 1024) } }]);
  [daemon, web, stall] = await Promise.all([
    startGitDaemon(base),
    startHttpGitServer(base, { token: TOKEN }),
    startStallingServer(),
  ]);
});

afterAll(async () => {
  process.env.TMPDIR = savedTmp;
  await Promise.all([daemon?.close(), web?.close(), stall?.close()]);
  await rm(base, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

async function allText(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return (await Promise.all(files.map((f) => readFile(f, "latin1")))).join("\n");
}

async function failure(promise: Promise<unknown>): Promise<SubmissionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SubmissionError);
  expect(await readdir(scratch)).toEqual([]);
  return error as SubmissionError;
}

describe("cloneSubmission with a deadline", () => {
  it.each([
    ["2024-03-01T10:00:00Z", 0, "at the first commit's very second"],
    ["2024-03-02T09:59:59.999Z", 0, "just before the second commit"],
    ["2024-03-02T10:00:00Z", 1, "at the second commit"],
    ["2024-03-02T12:00:00+01:00", 1, "in another time zone"],
    ["2030-01-01T00:00:00Z", 2, "after the last commit"],
  ])("%s grades commit %i (%s)", async (deadline, index, _why) => {
    const clone = await cloneSubmission(daemon.url("alice"), { deadline: new Date(deadline) });
    try {
      expect(clone.commit).toBe(ids[index]);
      expect(new Date(clone.commitDate).toISOString()).toBe(new Date(DATES[index] as string).toISOString());
      expect(await readFile(path.join(clone.dir, "README.md"), "utf8")).toBe(`## Etape ${index}\n`);
      expect(await testGit(clone.dir, ["config", "remote.origin.partialclonefilter"])).toBe("blob:none\n");
    } finally {
      await clone.remove();
    }
  });

  it("refuses a repository with no commit before the deadline", async () => {
    const error = await failure(cloneSubmission(daemon.url("alice"), { deadline: new Date("2024-02-01") }));
    expect(error.message).toMatch(
      /no commit before the deadline 2024-02-01T00:00:00.000Z on the default branch/,
    );
    expect(error.message).toMatch(/first commit is from 2024-03-01T10:00:00\+00:00/);
  });

  it("falls back to a full clone when the server does not allow partial clones", async () => {
    await testGit(path.join(base, "alice"), ["config", "uploadpack.allowFilter", "false"]);
    const url = `file://${path.join(base, "alice")}`;
    const clone = await cloneSubmission(url, { deadline: new Date(DATES[1] as string) });
    await testGit(path.join(base, "alice"), ["config", "uploadpack.allowFilter", "true"]);
    expect(clone.commit).toBe(ids[1]);
    await clone.remove();
  });
});

describe("cloneSubmission", () => {
  it("clones shallowly without a deadline", async () => {
    const clone = await cloneSubmission(daemon.url("alice"));
    expect(clone.commit).toBe(ids[2]);
    expect(await testGit(clone.dir, ["rev-list", "--count", "HEAD"])).toBe("1\n");
    await clone.remove();
    expect(await readdir(scratch)).toEqual([]);
  });

  it("says when the repository does not exist", async () => {
    const error = await failure(cloneSubmission(daemon.url("nobody")));
    expect(error.message).toMatch(
      /^cannot clone git:\/\/127\.0\.0\.1:\d+\/nobody: repository not found \(git: /,
    );
  });

  it("clones a private repository over HTTP with the token, which is written nowhere", async () => {
    const tokenHosts = ["127.0.0.1"];
    const clone: Clone = await cloneSubmission(web.url("private"), { token: TOKEN, tokenHosts });
    const written = await allText(clone.dir);
    await clone.remove();
    expect(written).toContain("Etape 1");
    for (const form of TOKEN_FORMS) {
      expect(written).not.toContain(form);
      expect(JSON.stringify(clone)).not.toContain(form);
    }
    const asked = web.requests.filter((r) => r.path.startsWith("/private"));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((r) => r.authorized)).toBe(true);
  });

  it("fetches the deadline's files with the token too (partial clone over HTTP)", async () => {
    const deadline = new Date(DATES[1] as string);
    const clone = await cloneSubmission(web.url("alice"), {
      token: TOKEN,
      tokenHosts: ["127.0.0.1"],
      deadline,
    });
    expect(await readFile(path.join(clone.dir, "README.md"), "utf8")).toBe("## Etape 1\n");
    expect(await testGit(clone.dir, ["config", "remote.origin.partialclonefilter"])).toBe("blob:none\n");
    await clone.remove();
  });

  it("answers without a token, or with a refused one, with an authentication error and no prompt", async () => {
    const started = Date.now();
    const none = await failure(cloneSubmission(web.url("private")));
    expect(none.message).toMatch(/: authentication failed: the repository is private/);
    const wrong = await failure(
      cloneSubmission(web.url("private"), { token: "nope", tokenHosts: ["127.0.0.1"] }),
    );
    expect(wrong.message).toMatch(/authentication failed/);
    expect(wrong.message).not.toContain("nope");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("never sends the token to a host that is not listed", async () => {
    const before = web.requests.length;
    const error = await failure(cloneSubmission(web.url("private"), { token: TOKEN }));
    expect(error.message).toMatch(/authentication failed/);
    expect(web.requests.slice(before).some((r) => r.authorized)).toBe(false);
  });

  it("strips credentials given in the URL from messages, the clone and the submission", async () => {
    const url = web.url("private").replace("http://", `http://student:${TOKEN}@`);
    const { submission, dispose } = await resolveSubmission(url, {
      reportCandidates: DEFAULT_REPORT_CANDIDATES,
    });
    const written = await allText(submission.repoRoot);
    await dispose();
    expect(submission.source).toBe(web.url("private"));
    for (const form of TOKEN_FORMS) expect(written + JSON.stringify(submission)).not.toContain(form);
    const missing = url.replace("/private", "/absent");
    const error = await failure(cloneSubmission(missing, { token: TOKEN, tokenHosts: ["127.0.0.1"] }));
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toMatch(/repository not found/);
    expect(error.message).toContain(web.url("absent"));
  });

  it("stops a repository larger than the limit", async () => {
    const error = await failure(cloneSubmission(daemon.url("big"), { maxBytes: 1024 * 1024 }));
    expect(error.message).toMatch(/: the repository is larger than 1 MB$/);
  });

  it("stops a server that stalls after the timeout, and on cancel", async () => {
    const started = Date.now();
    const slow = await failure(cloneSubmission(stall.url("x"), { timeoutMs: 1500 }));
    expect(slow.message).toMatch(/: the clone took longer than 1.5 s$/);
    expect(Date.now() - started).toBeLessThan(5000);
    const signal = AbortSignal.timeout(300);
    const cancelled = await failure(cloneSubmission(stall.url("x"), { signal }));
    expect(cancelled.message).toMatch(/: the clone was cancelled$/);
  });

  it.each([
    "--upload-pack=touch /tmp/dockgrade-pwned",
    "ext::sh -c touch% /tmp/dockgrade-pwned",
    "ext::sh",
    "file::/tmp",
  ])("refuses %s before running git", async (url) => {
    const error = await failure(cloneSubmission(url));
    expect(error.message).toMatch(/^refused git URL: /);
  });

  it("gives the deadline's commit and its date to the submission", async () => {
    const { submission, dispose } = await resolveSubmission(daemon.url("alice"), {
      reportCandidates: DEFAULT_REPORT_CANDIDATES,
      clone: { deadline: new Date("2024-03-02T11:00:00Z") },
    });
    await dispose();
    expect(submission).toMatchObject({ commit: ids[1], commitDate: "2024-03-02T10:00:00+00:00" });
  });
});
