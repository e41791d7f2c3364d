import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The dockgrade package folder (where package.json, rubrics/ and submissions-example/ live), found by walking
 * up from this module: the same code runs from src/ (tests, tsx) and from dist/src/ (the built CLI).
 */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "dockgrade") return dir;
    } catch {
      // not here: keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the dockgrade package folder");
    dir = parent;
  }
}

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export function bundledRubric(name = "docker-basics"): string {
  return path.join(packageRoot(), "rubrics", name);
}
