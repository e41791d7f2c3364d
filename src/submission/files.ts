import { lstat, open, readdir, readlink, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** Why a path given by a submission (or a rubric) was not followed. Nothing outside the repository is read. */
export type Refusal = "absolute" | "outside" | "link-outside" | "missing" | "not-a-file" | "too-large";

export type Located =
  | { ok: true; abs: string; rel: string; kind: "file" | "directory"; size: number; viaLink: boolean }
  | { ok: false; reason: Refusal; rel: string; target?: string };

export interface ListedFile {
  rel: string;
  kind: "file" | "directory" | "link";
  size: number;
}

const DEFAULT_MAX_READ = 1024 * 1024;

/**
 * Safe access to a submission's files. Paths are relative to the submission root (or to the repository
 * root with `from: "repo"`); absolute paths, `..` escapes and links that lead out of the repository are
 * refused before anything is read.
 */
export class SubmissionFiles {
  constructor(
    /** Real path of the repository. */
    readonly repoRoot: string,
    /** Real path of the submission root (the folder holding the Dockerfile). */
    readonly root: string,
  ) {}

  async locate(relPath: string, options: { from?: "root" | "repo" } = {}): Promise<Located> {
    const base = options.from === "repo" ? this.repoRoot : this.root;
    const rel = relPath.replace(/\\/g, "/");
    if (path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.startsWith("~")) {
      return { ok: false, reason: "absolute", rel };
    }
    const lexical = path.resolve(base, rel);
    const repoRel = this.toRepoRel(lexical);
    if (repoRel === undefined) return { ok: false, reason: "outside", rel };
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      return this.missingOrDangling(lexical, repoRel);
    }
    if (this.toRepoRel(real) === undefined)
      return { ok: false, reason: "link-outside", rel: repoRel, target: real };
    const info = await stat(real);
    const viaLink = real !== lexical;
    const kind = info.isDirectory() ? "directory" : info.isFile() ? "file" : undefined;
    if (!kind) return { ok: false, reason: "not-a-file", rel: repoRel };
    return { ok: true, abs: real, rel: repoRel, kind, size: info.size, viaLink };
  }

  /** Reads a text file of the submission, at most `maxBytes` (a larger file is refused, not truncated). */
  async readText(
    relPath: string,
    options: { from?: "root" | "repo"; maxBytes?: number } = {},
  ): Promise<{ ok: true; text: string; rel: string } | { ok: false; reason: Refusal; rel: string }> {
    const buffer = await this.readBytes(relPath, options);
    if (!buffer.ok) return buffer;
    return { ok: true, text: buffer.bytes.toString("utf8"), rel: buffer.rel };
  }

  async readBytes(
    relPath: string,
    options: { from?: "root" | "repo"; maxBytes?: number } = {},
  ): Promise<{ ok: true; bytes: Buffer; rel: string } | { ok: false; reason: Refusal; rel: string }> {
    const located = await this.locate(relPath, options);
    if (!located.ok) return located;
    if (located.kind !== "file") return { ok: false, reason: "not-a-file", rel: located.rel };
    const max = options.maxBytes ?? DEFAULT_MAX_READ;
    if (located.size > max) return { ok: false, reason: "too-large", rel: located.rel };
    const handle = await open(located.abs, "r");
    try {
      const bytes = Buffer.alloc(located.size);
      await handle.read(bytes, 0, located.size, 0);
      return { ok: true, bytes, rel: located.rel };
    } finally {
      await handle.close();
    }
  }

  /**
   * Lists files below a folder of the repository, breadth first, without following links, skipping
   * `skip` folder names. Bounded by depth and count so a hostile tree cannot stall the grader.
   */
  async list(
    relDir = "",
    options: { from?: "root" | "repo"; depth?: number; max?: number; skip?: readonly string[] } = {},
  ): Promise<ListedFile[]> {
    const start = await this.locate(relDir || ".", { from: options.from });
    if (!start.ok || start.kind !== "directory") return [];
    const maxDepth = options.depth ?? 4;
    const max = options.max ?? 5000;
    const skip = new Set(options.skip ?? [".git", "node_modules", ".venv", "venv", "__pycache__"]);
    const out: ListedFile[] = [];
    let level: Array<{ abs: string; rel: string }> = [{ abs: start.abs, rel: start.rel }];
    for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
      const next: typeof level = [];
      for (const dir of level) {
        const entries = await readdir(dir.abs, { withFileTypes: true }).catch(() => []);
        entries.sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of entries) {
          if (out.length >= max) return out;
          const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
          const abs = path.join(dir.abs, entry.name);
          if (entry.isSymbolicLink()) out.push({ rel, kind: "link", size: 0 });
          else if (entry.isDirectory()) {
            out.push({ rel, kind: "directory", size: 0 });
            if (!skip.has(entry.name)) next.push({ abs, rel });
          } else if (entry.isFile()) {
            const info = await lstat(abs).catch(() => undefined);
            out.push({ rel, kind: "file", size: info?.size ?? 0 });
          }
        }
      }
      level = next;
    }
    return out;
  }

  private toRepoRel(abs: string): string | undefined {
    const rel = path.relative(this.repoRoot, abs);
    if (rel === "") return "";
    if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join("/");
  }

  private async missingOrDangling(lexical: string, repoRel: string): Promise<Located> {
    // A dangling link is reported by where it points, so a link to /etc/... says "outside", not "missing".
    const info = await lstat(lexical).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      const target = path.resolve(path.dirname(lexical), await readlink(lexical));
      if (this.toRepoRel(target) === undefined)
        return { ok: false, reason: "link-outside", rel: repoRel, target };
    }
    return { ok: false, reason: "missing", rel: repoRel };
  }
}
