/** An image reference as `docker build -t` or `docker tag` take it: `[registry/]path[:tag][@digest]`. */
export interface ImageReference {
  /** As written. */
  written: string;
  /** The registry host (`registry.local:5000`), absent for Docker Hub. */
  registry?: string;
  /** The repository path without the registry, Docker Hub's `library/` removed: `quotegen`, `jdoe/quotegen`. */
  path: string;
  /** The last component of the path: `quotegen` for `registry.local:5000/jdoe/quotegen`. */
  name: string;
  /** The tag; Docker's default `latest` when none is written. */
  tag: string;
  /** The tag was written (`quotegen:latest`) rather than implied (`quotegen`). */
  explicitTag: boolean;
  digest?: string;
}

// Docker's grammar: lowercase path components, tags of up to 128 word characters, dots and dashes.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/**
 * Reads a reference the way the docker CLI does: the first component is a registry when it holds a dot or
 * a colon or is `localhost`; the tag's colon is the last one after the last slash; no tag means `latest`.
 * Returns undefined when Docker would refuse the reference (upper case in the path, an empty component...).
 */
export function parseImageReference(written: string): ImageReference | undefined {
  const { repository, tag, digest } = splitReference(written.trim());
  const parts = repository.split("/");
  let registry: string | undefined;
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = parts.shift();
  }
  if (registry && HUB.has(registry)) registry = undefined;
  if (!registry && parts.length === 2 && parts[0] === "library") parts.shift();
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return undefined;
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  return {
    written,
    ...(registry ? { registry } : {}),
    path: parts.join("/"),
    name: parts.at(-1) as string,
    tag: tag ?? "latest",
    explicitTag: tag !== undefined,
    ...(digest ? { digest } : {}),
  };
}

/**
 * `[registry/]path[:tag][@digest]` cut into its repository, tag and digest, nothing checked: the digest
 * follows the first `@`, the tag's colon is the last one after the last slash (`registry.local:5000/x`).
 */
export function splitReference(text: string): { repository: string; tag?: string; digest?: string } {
  let repository = text;
  let digest: string | undefined;
  const at = repository.indexOf("@");
  if (at >= 0) [repository, digest] = [repository.slice(0, at), repository.slice(at + 1)];
  let tag: string | undefined;
  const colon = repository.lastIndexOf(":");
  if (colon > repository.lastIndexOf("/"))
    [repository, tag] = [repository.slice(0, colon), repository.slice(colon + 1)];
  return { repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** `registry/path:tag`, with the defaults made explicit: spellings of one reference compare equal. */
export function canonicalReference(reference: ImageReference): string {
  return `${reference.registry ? `${reference.registry}/` : ""}${reference.path}:${reference.tag}`;
}
