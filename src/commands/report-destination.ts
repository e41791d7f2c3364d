import path from "node:path";

/** Where `check` writes report.json and report.md, and why nowhere when it does not. */
export type Destination = { dir: string } | { none: "asked" | "inside-submission" };

/** The default reports folder, relative to the current folder. */
export const DEFAULT_OUT = "reports";

/**
 * `--out DIR` writes there and `--no-out` nowhere. Without either, reports go to `reports/` in the current
 * folder, except when the current folder is the graded folder or inside it (a student checking their own
 * repository): writing there would add files to their work, so nothing is written unless asked.
 */
export function reportDestination(input: {
  out: string | false | undefined;
  /** Real path of the graded folder; undefined for a git URL. */
  sourceDir: string | undefined;
  /** Real path of the current folder. */
  cwd: string;
}): Destination {
  if (input.out === false) return { none: "asked" };
  if (typeof input.out === "string") return { dir: input.out };
  if (input.sourceDir !== undefined) {
    const rel = path.relative(input.sourceDir, input.cwd);
    if (rel === "" || !(rel.startsWith("..") || path.isAbsolute(rel))) return { none: "inside-submission" };
  }
  return { dir: DEFAULT_OUT };
}
