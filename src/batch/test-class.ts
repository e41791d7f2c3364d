// Test support for the batch tests: a class of student repositories built from the example submissions,
// served by real git servers on 127.0.0.1, and the CLI run as a user runs it.
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../package-info.js";
import { folderFiles, makeRepo, type TestCommit } from "../testing/git-servers.js";

const exec = promisify(execFile);

export const EXAMPLES = path.join(packageRoot(), "submissions-example");
export const SMALL_RUBRIC = path.join(packageRoot(), "src/batch/__fixtures__/rubric-small");
export const DEADLINE = "2026-12-01T23:59:00+01:00";
export const BEFORE = "2026-11-29T10:00:00+01:00";
export const JUST_BEFORE = "2026-12-01T23:58:00+01:00";
export const AFTER = "2026-12-02T08:00:00+01:00";

/** One commit holding a whole example submission (files of the previous commit are replaced). */
export async function exampleCommit(example: string, date: string): Promise<TestCommit> {
  return { files: await folderFiles(path.join(EXAMPLES, example)), date, message: `hand in ${example}` };
}

/** A student repository whose commits hand in the given examples, in order, at the given dates. */
export async function studentRepo(dir: string, handIns: Array<[example: string, date: string]>) {
  const commits: TestCommit[] = [];
  for (const [example, date] of handIns) commits.push(await exampleCommit(example, date));
  return makeRepo(dir, commits);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `dockgrade ARGS` through the built launcher, as a user runs it (plain progress: not a terminal). */
export async function dockgrade(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const launcher = path.join(packageRoot(), "bin/dockgrade.js");
  try {
    const { stdout, stderr } = await exec(process.execPath, [launcher, ...args], {
      env: { ...process.env, CI: "true", NO_COLOR: "1", ...env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 1_200_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? null, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** Every file under a folder, as text, to search for a secret. */
export async function allText(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(await readFile(path.join(entry.parentPath, entry.name), "utf8"));
  }
  return parts.join("\n");
}
