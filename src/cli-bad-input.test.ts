// Bad input to `dockgrade check` (and friends): exit 2, a message naming the cause, no stack trace, no
// hang, and nothing graded first. Runs the built CLI through the bin launcher, as a user does.
import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REPORT_BYTES } from "./submission/find-report.js";
import { buildCli } from "./testing/build-cli.js";

const run = promisify(execFile);
const repo = process.cwd();
// No engine: these inputs must be refused before Docker matters.
const env = {
  ...process.env,
  DOCKER_HOST: "unix:///nonexistent/dockgrade-test.sock",
  NO_COLOR: "1",
  CI: "true",
};
let dir: string;
let port = 0;
let server: Server;

async function cli(args: string[], cwd = repo, extraEnv: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repo, "bin/dockgrade.js"), ...args], {
      env: { ...env, ...extraEnv },
      cwd,
      timeout: 60_000,
      maxBuffer: 10 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string; killed?: boolean };
    return { code: e.killed ? -1 : e.code, stdout: e.stdout, stderr: e.stderr, ms: Date.now() - started };
  }
}

async function lab(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const root = path.join(dir, name);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  return root;
}

beforeAll(async () => {
  await buildCli();
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-bad-input-"));
  // A git server that knows no repository: git's own reason must reach the user.
  server = createServer((_request, response) => response.writeHead(404).end("Not Found"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
  await cp("submissions-example/complete", path.join(dir, "good"), { recursive: true });
  await writeFile(path.join(dir, "a-file"), "not a folder\n");
  const dockerfile = "FROM python:3.12-slim\n";
  await lab("big-readme", {
    Dockerfile: dockerfile,
    "README.md": `## Etape 1\n${"x".repeat(MAX_REPORT_BYTES + 1)}`,
  });
  await lab("png-readme", {
    Dockerfile: dockerfile,
    "README.md": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]),
  });
  await lab("utf16-readme", {
    Dockerfile: dockerfile,
    "README.md": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("## Etape 1\n", "utf16le")]),
  });
  // A folder another batch (this live process, on this machine) is writing into.
  await mkdir(path.join(dir, "busy-out"));
  const holder = { pid: process.pid, host: os.hostname(), started: "2026-11-30T20:00:00.000Z" };
  await writeFile(path.join(dir, "busy-out", ".dockgrade-batch.lock"), JSON.stringify(holder));
  await mkdir(path.join(dir, "merging-out"));
  const merging = { ...holder, command: "merge" };
  await writeFile(path.join(dir, "merging-out", ".dockgrade-batch.lock"), JSON.stringify(merging));
  await lab("two-labs", {
    "tp1/Dockerfile": dockerfile,
    "tp2/Dockerfile": dockerfile,
    "README.md": "# TPs\n",
  });
}, 180_000);
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

const D = "DIR";
const cases: Array<[string, string[], RegExp]> = [
  [
    "--out under a regular file",
    ["check", `${D}/good`, "--out", `${D}/a-file/reports`],
    /a-file is a file, not a folder/,
  ],
  [
    "--out is a regular file",
    ["check", `${D}/good`, "--out", `${D}/a-file`],
    /a-file is a file, not a folder/,
  ],
  ["--out in /proc", ["check", `${D}/good`, "--out", "/proc/dockgrade"], /view of the system \(proc\)/],
  ["--out in /sys", ["check", `${D}/good`, "--out", "/sys/kernel/dockgrade"], /view of the system \(sys\)/],
  ["--out in /dev", ["check", `${D}/good`, "--out", "/dev/dockgrade"], /view of the system \(dev\)/],
  [
    "a README over the size limit",
    ["check", `${D}/big-readme`, "--no-out"],
    /README\.md is too large to read: 5 MB, and the limit is 5 MB/,
  ],
  [
    "a binary README",
    ["check", `${D}/png-readme`, "--no-out"],
    /README\.md is not text: it holds binary data/,
  ],
  [
    "a README saved as UTF-16",
    ["check", `${D}/utf16-readme`, "--no-out"],
    /saved as UTF-16 .*Save it again as UTF-8/,
  ],
  [
    "several Dockerfiles, no --root",
    ["check", `${D}/two-labs`, "--no-out"],
    /several Dockerfiles \(tp1\/Dockerfile, tp2\/Dockerfile\).*--root tp1/,
  ],
  [
    "--root that does not exist",
    ["check", `${D}/two-labs`, "--root", "tp9", "--no-out"],
    /--root tp9: there is no such folder/,
  ],
  [
    "--root out of the repository",
    ["check", `${D}/two-labs`, "--root", "../..", "--no-out"],
    /--root \.\.\/\.\.: it leads out of the repository/,
  ],
  [
    "a submission folder that does not exist",
    ["check", `${D}/nope`, "--no-out"],
    /nope: not a folder \(nor a git URL\)/,
  ],
  ["a submission that is a file", ["check", `${D}/a-file`, "--no-out"], /a-file: not a folder/],
  [
    "a clone from a server that does not answer",
    ["check", "http://127.0.0.1:1/lab.git", "--no-out"],
    /cannot clone .*nothing answers on that port/,
  ],
  [
    "a clone of a repository the server does not have",
    ["check", "http://127.0.0.1:PORT/lab.git", "--no-out"],
    /cannot clone .*repository not found \(git: repository .* not found\)/,
  ],
  [
    "a clone from a host that does not exist",
    ["check", "https://no-such-host.invalid/lab.git", "--no-out"],
    /cannot clone .*could not resolve host no-such-host\.invalid/,
  ],
  [
    "a clone with a refused transport",
    ["check", "ext::sh -c id", "--no-out"],
    /not a folder \(nor a git URL\)/,
  ],
  [
    "--watch on a git URL",
    ["check", "https://no-such-host.invalid/lab.git", "--watch"],
    /--watch follows a folder on this disk, not a git URL/,
  ],
  [
    "--watch with --format json",
    ["check", `${D}/good`, "--watch", "--format", "json"],
    /leave out --format json/,
  ],
  ["an unknown language", ["check", `${D}/good`, "--lang", "de"], /expected fr or en/],
  [
    "an unknown format",
    ["check", `${D}/good`, "--format", "xml"],
    /'--format': 'xml' cannot be used \(expected one of json, text, md, classroom/,
  ],
  [
    "a --min-score that is not a number",
    ["check", `${D}/good`, "--min-score", "abc"],
    /'--min-score': 'abc' cannot be used \(expected a number, 0 or more\)/,
  ],
  ["an unknown option", ["check", "--frobnicate"], /unknown option '--frobnicate'/],
  ["two submissions at once", ["check", `${D}/good`, `${D}/a-file`], /too many arguments/],
  [
    "a rubric folder that does not exist",
    ["check", `${D}/good`, "--rubric", `${D}/no-rubric`],
    /no assignment\.yaml in .*no-rubric/,
  ],
  [
    "a broken rubric",
    ["check", `${D}/good`, "--rubric", "src/rubric/__fixtures__/bad-type", "--no-out"],
    /checks\[0\]\.points/,
  ],
  ["batch --out in /proc", ["batch", D, "--out", "/proc/dockgrade"], /view of the system \(proc\)/],
  [
    "batch into a folder another batch is writing",
    ["batch", `${D}/good`, "--out", `${D}/busy-out`],
    /Another dockgrade batch is writing into .*busy-out \(process \d+ on .+, started 2026-11-30T20:00:00\.000Z\)\. Wait/,
  ],
  [
    "merge into a folder a batch is writing",
    ["merge", `${D}/good`, "--out", `${D}/busy-out`],
    /Another dockgrade batch is writing into .*busy-out \(process \d+ on .+, started 2026-11-30T20:00:00\.000Z\)\. Wait/,
  ],
  [
    "batch into a folder a merge is writing",
    ["batch", `${D}/good`, "--out", `${D}/merging-out`],
    /Another dockgrade merge is writing into .*merging-out \(process \d+/,
  ],
  [
    "merge --out under a regular file",
    ["merge", `${D}/good`, "--out", `${D}/a-file/merged`],
    /a-file is a file, not a folder/,
  ],
  [
    "render of a missing file",
    ["render", `${D}/missing.json`],
    /missing\.json: no such file\. Give the path/,
  ],
  ["render of a folder", ["render", D], /: a folder, not a report\. Give the report\.json inside it/],
  ["render of something not a report", ["render", "package.json"], /not a report written by dockgrade/],
];

describe("dockgrade refuses bad input with exit 2 and the cause", () => {
  it("covers at least twenty bad inputs", () => expect(cases.length).toBeGreaterThanOrEqual(20));

  it.each(cases)("%s", async (_name, args, message) => {
    const result = await cli([
      ...args.map((arg) => arg.replaceAll(D, dir).replace("PORT", String(port))),
      "--lang",
      "en",
    ]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toMatch(/internal error|erreur interne/);
    expect(result.stdout).not.toMatch(/Total/);
    expect(result.ms).toBeLessThan(30_000);
  });

  it("says render's and a clone's errors in French with --lang fr", async () => {
    const render = await cli(["render", path.join(dir, "missing.json"), "--lang", "fr"]);
    expect(render.code, render.stderr).toBe(2);
    expect(render.stderr).toMatch(/missing\.json : ce fichier n'existe pas\. Donnez le chemin/);
    const cut = path.join(dir, "cut.json");
    writeFileSync(cut, '{"schemaVersion": "1.3.0",');
    const truncated = await cli(["render", cut, "--lang", "fr"]);
    expect(truncated.stderr).toMatch(
      /cut\.json : ce n'est pas du JSON valide \(le lecteur JSON dit : .+\)\. Un report/,
    );
    const clone = await cli(["check", "git://127.0.0.1:1/lab.git", "--lang", "fr"]);
    expect(clone.code, clone.stderr).toBe(2);
    expect(clone.stderr).toContain(
      "impossible de cloner git://127.0.0.1:1/lab.git : impossible de joindre le serveur 127.0.0.1:1 : rien ne répond sur ce port",
    );
  });

  it("stops quietly when its reader stops early (`dockgrade --help | head -1`)", async () => {
    const { stdout, stderr } = await run(
      "bash",
      [
        "-c",
        `"${process.execPath}" bin/dockgrade.js --help --lang en | head -1; echo "status \${PIPESTATUS[0]}" >&2`,
      ],
      { env, cwd: repo },
    );
    expect(stdout).toMatch(/^Usage: dockgrade/);
    expect(stderr).toContain("status 0");
    expect(stderr).not.toMatch(/EPIPE|internal error|\n\s+at /);
  });

  it("says it in French too", async () => {
    const result = await cli(["check", path.join(dir, "two-labs"), "--no-out", "--lang", "fr"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("plusieurs Dockerfile (tp1/Dockerfile, tp2/Dockerfile)");
  });

  it.each([
    ["--lang en", ["--lang", "en"], { LANG: "fr_FR.UTF-8" }],
    ["LANG=en", [], { LANG: "en_US.UTF-8", LC_ALL: "", LC_MESSAGES: "" }],
  ])("lists the exit codes in --help, in English with %s", async (_name, lang, extraEnv) => {
    for (const args of [["--help"], ["check", "--help"]]) {
      const result = await cli([...args, ...lang], repo, extraEnv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: dockgrade /);
      expect(result.stdout).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*--min-score\n\s+2 .*\n\s+3 .*bug/);
    }
  });

  it.each([
    ["--lang fr", ["--lang", "fr"], { LANG: "en_US.UTF-8" }],
    ["LANG=fr", [], { LANG: "fr_FR.UTF-8", LC_ALL: "", LC_MESSAGES: "" }],
  ])("lists the exit codes in --help, in French with %s", async (_name, lang, extraEnv) => {
    for (const args of [["--help"], ["check", "--help"]]) {
      const result = await cli([...args, ...lang], repo, extraEnv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Utilisation : dockgrade /);
      expect(result.stdout).toMatch(
        /Codes de sortie :\n\s+0 .*\n\s+1 .*--min-score\n\s+2 .*\n\s+3 .*bug de dockgrade/,
      );
      expect(result.stdout).not.toContain("Exit codes");
    }
  });

  it("run inside a student's repository, writes nothing into it unless asked", async () => {
    const student = path.join(dir, "good");
    const before = await readdir(student);
    const small = ["--rubric", path.join(repo, "src/batch/__fixtures__/rubric-small")];
    const result = await cli(["check", "--lang", "en", ...small], student);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("report not written: dockgrade puts no files into the graded folder");
    expect(await readdir(student)).toEqual(before);
    const asked = await cli(["check", "--lang", "en", "--out", "reports", ...small], student);
    expect(asked.code).toBe(0);
    expect(existsSync(path.join(student, "reports/good/report.json"))).toBe(true);
  });
});
