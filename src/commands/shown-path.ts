import path from "node:path";

/** A path as the user best reads it: relative to the current folder when inside it, else absolute. */
export function shownPath(target: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, target);
  if (relative === "") return ".";
  return relative.startsWith("..") || path.isAbsolute(relative) ? target : relative;
}
