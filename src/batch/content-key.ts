import { createHash, type Hash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { open, readdir, readlink } from "node:fs/promises";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";

/** Files up to this size are read in one go; larger ones are streamed into the hash. */
const WHOLE_FILE = 1024 * 1024;
/** Small files are read synchronously in slices; the event loop gets a turn after this many files or bytes. */
const SLICE_FILES = 32;
const SLICE_BYTES = 1024 * 1024;
/** Never follow a link swapped in after the listing; never wait on a FIFO. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

type Entry =
  | { kind: "d"; rel: string }
  | { kind: "l"; rel: string; abs: string }
  | { kind: "f"; rel: string; abs: string };

/**
 * A digest of exactly what is graded: every file under the submission's repository folder (its `.git`
 * folder aside), with its path, kind, executable bit and content. It changes with the graded content and
 * only with it: a dirty tree, a folder inside a larger repository or a new commit that touches other
 * folders are each told apart correctly, which a parent repository's HEAD alone would not do.
 *
 * Every file is read once. Folders are listed in parallel; small files are read synchronously (open,
 * fstat, one read, close), in slices of SLICE_FILES files or SLICE_BYTES bytes with a turn of the event
 * loop between slices: a tree of many small files (a committed virtualenv) costs a fifth of the CPU of a
 * promise round trip per file operation, and the other submissions of the class never wait more than a
 * slice. Larger files are streamed.
 */
export async function contentDigest(root: string): Promise<string> {
  const hash = createHash("sha256");
  let files = 0;
  let bytes = 0;
  for (const entry of await listTree(root, "")) {
    if (entry.kind === "d") hash.update(`d\0${entry.rel}\0`);
    else if (entry.kind === "l") hash.update(`l\0${entry.rel}\0${await readlink(entry.abs)}\0`);
    else {
      if (++files >= SLICE_FILES || bytes >= SLICE_BYTES) {
        await nextTurn();
        files = 0;
        bytes = 0;
      }
      const read = hashFile(entry, hash);
      if (read < 0) await streamInto(entry.abs, hash);
      else bytes += read;
    }
  }
  return hash.digest("hex");
}

/**
 * Adds a file's header and, when small, its content; returns the bytes read, or -1 when the content is
 * left for streamInto (a large file).
 */
function hashFile(entry: { rel: string; abs: string }, hash: Hash): number {
  const fd = openSync(entry.abs, OPEN_FLAGS);
  try {
    const info = fstatSync(fd);
    const size = info.isFile() ? info.size : 0;
    hash.update(`f\0${entry.rel}\0${info.mode & 0o111 ? "x" : "-"}\0${size}\0`);
    if (size > WHOLE_FILE) return -1;
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    hash.update(buffer.subarray(0, read));
    return read;
  } finally {
    closeSync(fd);
  }
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

async function streamInto(file: string, hash: Hash): Promise<void> {
  const handle = await open(file, OPEN_FLAGS);
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
