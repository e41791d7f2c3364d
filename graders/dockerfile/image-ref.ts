/** An image reference as FROM names it: `python:3.12-slim`, `docker.io/library/python@sha256:...`. */
export interface ImageRef {
  /** As written (build arguments expanded). */
  written: string;
  /** The repository without registry defaults: `docker.io/library/python` and `python` are both `python`. */
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits a reference into name, tag and digest; the tag's colon is the last one after the last slash. */
export function parseImageRef(written: string): ImageRef {
  let rest = written;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) [rest, digest] = [rest.slice(0, at), rest.slice(at + 1)];
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) [rest, tag] = [rest.slice(0, colon), rest.slice(colon + 1)];
  return { written, name: normalizeImageName(rest), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Docker Hub's implicit parts removed, so that spellings of the same official image compare equal. */
export function normalizeImageName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "")
    .replace(/^library\//, "");
}
