import type { Finding } from "../grader/contract.js";
import type { ImageRef } from "../markdown/figures.js";
import type { SubmissionFiles } from "../submission/files.js";
import { type ImageRefusal, resolveImage } from "./resolve.js";
import { inspectImage } from "./sniff.js";

export interface ImageLimits {
  minBytes: number;
  maxBytes: number;
  minWidth: number;
  minHeight: number;
}

export interface CheckedImage {
  ref: ImageRef;
  /** 1-based position among the section's images. */
  position: number;
  valid: boolean;
  /** Real path inside the repository, set only for valid images (the only ones OCR may read). */
  abs?: string;
  findings: Finding<ImageMessageId>[];
  details: Record<string, unknown>;
}

/** The message ids these findings name; the screenshots grader's catalog must hold them all. */
export type ImageMessageId =
  | (typeof REFUSALS)[ImageRefusal]
  | "notAnImage"
  | "broken"
  | "tooSmallFile"
  | "tooSmallDims"
  | "valid";

const REFUSALS = {
  remote: "remote",
  absolute: "absolute",
  outside: "outside",
  "link-outside": "linkOutside",
  "not-image-name": "notImageName",
  missing: "missing",
  "not-a-file": "notAFile",
  "too-large": "tooLarge",
} as const satisfies Record<ImageRefusal, string>;

/** Checks each image link in turn: resolved inside the repository first, read only when it passed. */
export async function checkImages(
  files: SubmissionFiles,
  reportFile: string,
  refs: readonly ImageRef[],
  limits: ImageLimits,
): Promise<CheckedImage[]> {
  const out: CheckedImage[] = [];
  for (const [i, ref] of refs.entries()) {
    const problem = (
      messageId: ImageMessageId,
      data: Finding["data"],
      details: Record<string, unknown>,
    ): CheckedImage => ({
      ref,
      position: i + 1,
      valid: false,
      findings: [
        {
          messageId,
          severity: "problem",
          data: { image: ref.url, ...data },
          file: reportFile,
          line: ref.line,
        },
      ],
      details: { url: ref.url, ...details },
    });
    const resolved = await resolveImage(files, reportFile, ref.url);
    if (!resolved.ok) {
      out.push(
        problem(REFUSALS[resolved.reason], { path: resolved.rel ?? ref.url }, { refused: resolved.reason }),
      );
      continue;
    }
    const base = { path: resolved.rel, bytes: resolved.size };
    if (resolved.size > limits.maxBytes) {
      out.push(problem("tooLarge", { ...base, max: limits.maxBytes }, base));
      continue;
    }
    if (resolved.size < limits.minBytes) {
      out.push(problem("tooSmallFile", { ...base, min: limits.minBytes }, base));
      continue;
    }
    const read = await files.readBytes(resolved.rel, { from: "repo", maxBytes: limits.maxBytes });
    if (!read.ok) {
      out.push(problem(REFUSALS[read.reason], { path: read.rel }, { refused: read.reason }));
      continue;
    }
    const image = inspectImage(read.bytes);
    if (!image.ok) {
      const id = image.problem === "not-an-image" ? "notAnImage" : "broken";
      out.push(
        problem(
          id,
          { ...base, format: image.format?.toUpperCase(), detail: image.detail },
          { ...base, problem: image.problem },
        ),
      );
      continue;
    }
    const dims = { ...base, format: image.format.toUpperCase(), width: image.width, height: image.height };
    if (image.width < limits.minWidth || image.height < limits.minHeight) {
      out.push(
        problem("tooSmallDims", { ...dims, minWidth: limits.minWidth, minHeight: limits.minHeight }, dims),
      );
      continue;
    }
    out.push({
      ref,
      position: i + 1,
      valid: true,
      abs: resolved.abs,
      findings: [
        {
          messageId: "valid",
          severity: "ok",
          data: { image: ref.url, ...dims },
          file: reportFile,
          line: ref.line,
        },
      ],
      details: { url: ref.url, ...dims },
    });
  }
  return out;
}
