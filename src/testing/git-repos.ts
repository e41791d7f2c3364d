import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface TestCommit {
  /** Files written (relative path → content) before committing; other files are kept. */
  files: Record<string, string | Buffer>;
  /** Author and committer date, ISO 8601 (default: now). */
  date?: string;
  message?: string;
}

/** git with the test's identity and no user or system configuration. */
export async function testGit(dir: string, args: string[], date?: string): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Student",
    GIT_AUTHOR_EMAIL: "student@example.invalid",
    GIT_COMMITTER_NAME: "Student",
    GIT_COMMITTER_EMAIL: "student@example.invalid",
    LC_ALL: "C",
    ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
  };
  const { stdout } = await exec("git", args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/**
 * A real git repository in `dir` (branch main) with the given commits, in order. It allows partial clones
 * (`uploadpack.allowFilter`), so every server below can serve `--filter=blob:none`. Returns commit ids.
 */
export async function makeRepo(dir: string, commits: TestCommit[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await testGit(dir, ["init", "--quiet", "--initial-branch=main"]);
  await testGit(dir, ["config", "uploadpack.allowFilter", "true"]);
  await testGit(dir, ["config", "uploadpack.allowAnySHA1InWant", "true"]);
  const ids: string[] = [];
  for (const [index, commit] of commits.entries()) {
    for (const [rel, content] of Object.entries(commit.files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), content);
    }
    await testGit(dir, ["add", "--all"]);
    const message = commit.message ?? `commit ${index + 1}`;
    await testGit(dir, ["commit", "--quiet", "--allow-empty", "-m", message], commit.date);
    ids.push((await testGit(dir, ["rev-parse", "HEAD"])).trim());
  }
  return ids;
}

/** Every file under `folder` (relative path → content), to hand in as one commit's `files`. */
export async function folderFiles(folder: string): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(folder, full).split(path.sep).join("/")] = await readFile(full);
  }
  return files;
}
