import { createHash } from "node:crypto";
import { lstat, open, readdir, readlink } from "node:fs/promises";
import path from "node:path";

/**
 * A digest of exactly what is graded: every file under the submission's repository folder (its `.git`
 * folder aside), with its path, kind, executable bit and content. It changes with the graded content and
 * only with it: a dirty tree, a folder inside a larger repository or a new commit that touches other
 * folders are each told apart correctly, which a parent repository's HEAD alone would not do.
 */
export async function contentDigest(root: string): Promise<string> {
  const hash = createHash("sha256");
  await walk(root, "", hash);
  return hash.digest("hex");
}

async function walk(root: string, rel: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (rel === "" && entry.name === ".git") continue;
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    const abs = path.join(root, childRel);
    if (entry.isDirectory()) {
      hash.update(`d\0${childRel}\0`);
      await walk(root, childRel, hash);
    } else if (entry.isSymbolicLink()) {
      hash.update(`l\0${childRel}\0${await readlink(abs)}\0`);
    } else if (entry.isFile()) {
      const info = await lstat(abs);
      hash.update(`f\0${childRel}\0${info.mode & 0o111 ? "x" : "-"}\0${info.size}\0`);
      await hashFile(abs, hash);
    }
  }
}

async function hashFile(file: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const handle = await open(file, "r");
  try {
    for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The cache key of one graded report: the content, the rubric, the options that change grading, the tool. */
export function reportKey(parts: {
  content: string;
  rubricDigest: string;
  toolVersion: string;
  lang: string;
  root?: string;
}): string {
  return createHash("sha256")
    .update(
      JSON.stringify([parts.content, parts.rubricDigest, parts.toolVersion, parts.lang, parts.root ?? ""]),
    )
    .digest("hex");
}
