import { splitReference } from "../analysis/image-reference.js";

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
  const { repository, tag, digest } = splitReference(written);
  return {
    written,
    name: normalizeImageName(repository),
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** Docker Hub's implicit parts removed, so that spellings of the same official image compare equal. */
export function normalizeImageName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "")
    .replace(/^library\//, "");
}
