import path from "node:path";
import type { Input } from "./check-inputs.js";

/** Folders whose changes never matter to grading (and where tools write all the time). */
const IGNORED_FOLDERS = new Set([
  ".git",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  ".pytest_cache",
  ".idea",
]);
const IMAGE_FILES = /\.(png|jpe?g|gif|webp|svg)$/i;
/** Editors' temporary files: vim's swap and probe files, Emacs locks and backups, JetBrains' safe-write. */
const EDITOR_FILES = /(^|\/)(\.[^/]*\.sw[a-p]|4913|\.#[^/]*|[^/]*~|[^/]*___jb_(tmp|old)___)$/;

export interface ChangeContext {
  /** The lab report, relative to the repository. */
  reportFile?: string;
  /** Folders (relative to the repository) the run itself writes to: the reports folder. */
  ownOutput: readonly string[];
}

/**
 * What a changed file (relative to the repository, `/`-separated) is an input of: the lab report for
 * Markdown files and images (screenshots), the build context for anything else; nothing for the git
 * database, caches, editors' temporary files and the reports dockgrade writes itself.
 */
export function classifyChange(rel: string, context: ChangeContext): Input | undefined {
  const parts = rel.split("/");
  if (parts.some((part) => IGNORED_FOLDERS.has(part))) return undefined;
  if (EDITOR_FILES.test(rel)) return undefined;
  if (context.ownOutput.some((dir) => rel === dir || rel.startsWith(`${dir}/`))) return undefined;
  if (rel === context.reportFile || rel.toLowerCase().endsWith(".md") || IMAGE_FILES.test(rel))
    return "report";
  return "context";
}

/** The reports folder relative to the repository, when it lies inside it (else it cannot be seen). */
export function outputInside(repoRoot: string, outDir: string | undefined): string[] {
  if (!outDir) return [];
  const rel = path.relative(repoRoot, path.resolve(outDir));
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return [];
  return [rel.split(path.sep).join("/")];
}
