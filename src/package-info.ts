import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** Found once a process for each starting folder. */
const roots = new Map<string, string>();

/**
 * The dockgrade package folder (where package.json, rubrics/ and submissions-example/ live), found by walking
 * up from this module: the same code runs from src/ (tests, tsx) and from dist/src/ (the built CLI).
 */
export function packageRoot(from: string = here): string {
  const known = roots.get(from);
  if (known) return known;
  let dir = from;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "dockgrade") {
        roots.set(from, dir);
        return dir;
      }
    } catch {
      // not here: keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the dockgrade package folder");
    dir = parent;
  }
}

/** dockgrade's version, read once a process (every report names it). */
export function toolVersion(): string {
  version ??= (
    JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string }
  ).version;
  return version;
}

let version: string | undefined;

export function bundledRubric(name = "docker-basics"): string {
  return path.join(packageRoot(), "rubrics", name);
}
