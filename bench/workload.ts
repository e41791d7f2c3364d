import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { classMix } from "./stats.js";

/** Flawed examples the class mixes in (each fails differently: stop, bind, build, report, context). */
export const FLAWED = [
  "thin-report",
  "shell-form-cmd",
  "localhost-bind",
  "flask-dev-server",
  "build-fails",
  "fat-context",
  "subfolder-lab",
  "requirements-case",
];

/**
 * A class of `n` submissions copied from the examples into a fresh folder, each made unique as students'
 * work is (a comment in app.py, a line in the report): no two build contexts are the same, but identical
 * requirements still share the pip layer.
 */
export async function makeClass(examples: string, n: number, prefix = "class"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `dockgrade-bench-${prefix}-`));
  const names = classMix(n, FLAWED);
  await Promise.all(
    names.map(async (name, i) => {
      const target = path.join(dir, `s${String(i + 1).padStart(2, "0")}-${name}`);
      await cp(path.join(examples, name), target, { recursive: true });
      await rm(path.join(target, "EXPECTED.json"), { force: true });
      for (const file of await findFiles(target, (f) => f === "app.py" || f === "README.md")) {
        const note = file.endsWith(".py")
          ? `# ${path.basename(target)}\n`
          : `\n<!-- ${path.basename(target)} -->\n`;
        await writeFile(file, (await readFile(file, "utf8")) + note);
      }
    }),
  );
  return dir;
}

/** The sub-folders of a class folder, sorted. */
export async function submissionsOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => path.join(dir, e.name))
    .sort();
}

async function findFiles(dir: string, wanted: (name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".")) out.push(...(await findFiles(full, wanted)));
    else if (entry.isFile() && wanted(entry.name)) out.push(full);
  }
  return out;
}
