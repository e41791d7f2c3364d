import path from "node:path";
import type { Refusal, SubmissionFiles } from "../submission/files.js";

/** Why an image link of the report is not followed. */
export type ImageRefusal = Refusal | "remote" | "not-image-name";

export type ResolvedImage =
  | { ok: true; rel: string; abs: string; size: number }
  | { ok: false; reason: ImageRefusal; rel?: string };

export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".gif", ".webp"];

/**
 * Turns an image link of the report (relative to the report's folder, as Markdown renders it) into a
 * repository file, refusing without touching anything: remote URLs and other schemes, absolute paths,
 * links that are not image names, `..` paths that leave the repository, and (via `SubmissionFiles.locate`)
 * symbolic links that lead out of it.
 */
export async function resolveImage(
  files: SubmissionFiles,
  reportFile: string,
  url: string,
): Promise<ResolvedImage> {
  const link = url.trim().replace(/\\/g, "/");
  if (link === "") return { ok: false, reason: "missing" };
  if (link.startsWith("//")) return { ok: false, reason: "remote" };
  if (/^[a-z]:\//i.test(link) || link.startsWith("/") || link.startsWith("~"))
    return { ok: false, reason: "absolute" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return { ok: false, reason: "remote" };
  if (!IMAGE_EXTENSIONS.includes(path.posix.extname(link).toLowerCase()))
    return { ok: false, reason: "not-image-name" };
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(reportFile), link));
  if (rel === ".." || rel.startsWith("../")) return { ok: false, reason: "outside" };
  const located = await files.locate(rel, { from: "repo" });
  if (!located.ok) return { ok: false, reason: located.reason, rel: located.rel };
  if (located.kind !== "file") return { ok: false, reason: "not-a-file", rel: located.rel };
  return { ok: true, rel: located.rel, abs: located.abs, size: located.size };
}
