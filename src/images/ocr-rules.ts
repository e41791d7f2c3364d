import type { Finding } from "../grader/contract.js";
import { normalizeText } from "../text/normalize.js";
import { compilePattern } from "../text/pattern.js";
import type { CheckedImage } from "./check-images.js";
import { type OcrResult, ocrContains, ocrImagesTogether, tesseractAvailable } from "./ocr.js";

/** The message ids these findings name; the screenshots grader's catalog must hold them all. */
export type OcrMessageId =
  | "ocrUnavailable"
  | "ocrFailed"
  | "ocrNotShown"
  | "ocrNoImage"
  | "ocrFound"
  | "ocrMissing";

/** Texts a rubric expects to read in some screenshots of a section. */
export interface OcrRule {
  image?: number | string;
  expect: string[];
  /** When no image of the section matches `image`, skip the rule instead of failing it. */
  optional?: boolean;
}

/**
 * Looks for the rules' texts in the valid images. Credit = texts found / texts expected, over the rules
 * whose images could be read; undefined when tesseract is missing or no image could be read (then the
 * caller grades the files alone).
 */
export async function ocrImages(
  checked: readonly CheckedImage[],
  rules: readonly OcrRule[],
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<{ credit?: number; findings: Finding<OcrMessageId>[]; details: unknown }> {
  if (!(await tesseractAvailable()))
    return {
      findings: [{ messageId: "ocrUnavailable", severity: "info" }],
      details: { skipped: "tesseract not found" },
    };
  const named = rules.map((rule) => checked.filter((c) => selects(rule.image, c)));
  // The valid images the rules name, in that order, read by one tesseract (one model loaded for them all).
  const toRead = [...new Set(named.flat())].filter(
    (c): c is CheckedImage & { abs: string } => c.valid && c.abs !== undefined,
  );
  const read = await ocrImagesTogether(
    toRead.map((c) => c.abs),
    options,
  );
  const results = new Map<CheckedImage, OcrResult | undefined>(toRead.map((c, k) => [c, read[k]]));
  const findings: Finding<OcrMessageId>[] = [];
  const reported = new Set<CheckedImage>();
  const textOf = (image: CheckedImage) => {
    const result = results.get(image);
    if (result && !result.ok && !reported.has(image)) {
      reported.add(image);
      findings.push({
        messageId: "ocrFailed",
        severity: "info",
        data: { image: image.ref.url, reason: result.reason },
        line: image.ref.line,
      });
    }
    return result?.ok ? result.text : undefined;
  };
  let expected = 0;
  let found = 0;
  const details: unknown[] = [];
  for (const [i, rule] of rules.entries()) {
    const selected = named[i]?.filter((c) => c.valid) ?? [];
    const selector = rule.image === undefined ? "*" : String(rule.image);
    if (named[i]?.length === 0 && rule.optional) {
      findings.push({
        messageId: "ocrNotShown",
        severity: "info",
        data: { selector, texts: rule.expect.join(", ") },
      });
      details.push({ selector, skipped: "no such image" });
      continue;
    }
    if (selected.length === 0) {
      expected += rule.expect.length;
      findings.push({
        messageId: "ocrNoImage",
        severity: "problem",
        data: { selector, texts: rule.expect.join(", ") },
      });
      details.push({ selector, found: [], missing: rule.expect });
      continue;
    }
    const readTexts = selected.map(textOf).filter((text) => text !== undefined);
    if (readTexts.length === 0) {
      details.push({ selector, skipped: "no image could be read" });
      continue;
    }
    const images = selected.map((c) => c.ref.url).join(", ");
    const hits = rule.expect.filter((text) => readTexts.some((t) => ocrContains(t, text)));
    expected += rule.expect.length;
    found += hits.length;
    for (const text of rule.expect)
      findings.push(
        hits.includes(text)
          ? { messageId: "ocrFound", severity: "ok", data: { text, images } }
          : {
              messageId: "ocrMissing",
              severity: "problem",
              data: { text, images },
              line: selected[0]?.ref.line,
            },
      );
    details.push({ selector, found: hits, missing: rule.expect.filter((t) => !hits.includes(t)) });
  }
  return { credit: expected === 0 ? undefined : found / expected, findings, details };
}

function selects(selector: number | string | undefined, image: CheckedImage): boolean {
  if (selector === undefined) return true;
  if (typeof selector === "number") return image.position === selector;
  return compilePattern(selector).test(normalizeText(`${image.ref.url}\n${image.ref.caption}`));
}
