import { createHash, type Hash } from "node:crypto";
import { open, readdir, readlink } from "node:fs/promises";
import path from "node:path";

/** Files read ahead of the hash, at most: the reads overlap, memory stays bounded (READ_AHEAD × WHOLE_FILE). */
const READ_AHEAD = 16;
/** Files up to this size are read in one go; larger ones are streamed into the hash when their turn comes. */
const WHOLE_FILE = 1024 * 1024;

type Entry =
  | { kind: "d"; rel: string }
  | { kind: "l"; rel: string; abs: string }
  | { kind: "f"; rel: string; abs: string };

/** What one entry adds to the digest: its header, then (for a large file) its content streamed from disk. */
interface Loaded {
  head: string;
  body?: Buffer;
  stream?: string;
}

/**
 * A digest of exactly what is graded: every file under the submission's repository folder (its `.git`
 * folder aside), with its path, kind, executable bit and content. It changes with the graded content and
 * only with it: a dirty tree, a folder inside a larger repository or a new commit that touches other
 * folders are each told apart correctly, which a parent repository's HEAD alone would not do.
 *
 * Every file is read once. Folders are listed in parallel, and up to READ_AHEAD files are read while the
 * earlier ones are hashed, so a tree of many small files (a committed virtualenv) costs its reads, not a
 * round trip per file; the bytes hashed, in order, are the same as reading one file after the other.
 */
export async function contentDigest(root: string): Promise<string> {
  const hash = createHash("sha256");
  const entries = await listTree(root, "");
  const pending = new Map<number, Promise<Loaded>>();
  const start = (i: number) => {
    const entry = entries[i];
    if (!entry) return;
    const loading = load(entry);
    loading.catch(() => {}); // awaited in its turn; an earlier failure leaves it unread
    pending.set(i, loading);
  };
  for (let i = 0; i < READ_AHEAD; i++) start(i);
  for (let i = 0; i < entries.length; i++) {
    const loaded = await (pending.get(i) as Promise<Loaded>);
    pending.delete(i);
    start(i + READ_AHEAD);
    hash.update(loaded.head);
    if (loaded.body) hash.update(loaded.body);
    if (loaded.stream) await streamInto(loaded.stream, hash);
  }
  return hash.digest("hex");
}

/** The tree below `rel`, depth first in name order (the order hashed); sub-folders are listed in parallel. */
async function listTree(root: string, rel: string): Promise<Entry[]> {
  const dirents = await readdir(path.join(root, rel), { withFileTypes: true });
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts = await Promise.all(
    dirents.map(async (dirent): Promise<Entry[]> => {
      if (rel === "" && dirent.name === ".git") return [];
      const childRel = rel ? `${rel}/${dirent.name}` : dirent.name;
      const abs = path.join(root, childRel);
      if (dirent.isDirectory()) return [{ kind: "d", rel: childRel }, ...(await listTree(root, childRel))];
      if (dirent.isSymbolicLink()) return [{ kind: "l", rel: childRel, abs }];
      if (dirent.isFile()) return [{ kind: "f", rel: childRel, abs }];
      return [];
    }),
  );
  return parts.flat();
}

async function load(entry: Entry): Promise<Loaded> {
  if (entry.kind === "d") return { head: `d\0${entry.rel}\0` };
  if (entry.kind === "l") return { head: `l\0${entry.rel}\0${await readlink(entry.abs)}\0` };
  const handle = await open(entry.abs, "r");
  try {
    const info = await handle.stat();
    const head = `f\0${entry.rel}\0${info.mode & 0o111 ? "x" : "-"}\0${info.size}\0`;
    if (info.size > WHOLE_FILE) return { head, stream: entry.abs };
    return { head, body: await handle.readFile() };
  } finally {
    await handle.close().catch(() => {});
  }
}

async function streamInto(file: string, hash: Hash): Promise<void> {
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
