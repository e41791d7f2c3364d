import { execFile } from "node:child_process";
import { normalizeText } from "../text/normalize.js";

const available = new Map<string, Promise<boolean>>();

/** Whether `tesseract` runs on this machine (asked once per PATH). */
export function tesseractAvailable(): Promise<boolean> {
  const key = process.env.PATH ?? "";
  let answer = available.get(key);
  if (!answer) {
    answer = new Promise((resolve) => {
      execFile("tesseract", ["--version"], { timeout: 10_000 }, (error) => resolve(!error));
    });
    available.set(key, answer);
  }
  return answer;
}

/**
 * Reads the text of an image with tesseract (English model: terminal output is English). `absPath` must
 * be a file the caller already located inside the submission and recognised as an image.
 */
export function ocrImage(
  absPath: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    execFile(
      "tesseract",
      [absPath, "stdout", "-l", "eng", "--psm", "6"],
      { timeout: options.timeoutMs, signal: options.signal, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout) => {
        if (!error) resolve({ ok: true, text: stdout });
        else if ((error as { killed?: boolean }).killed)
          resolve({
            ok: false,
            reason: `tesseract gave no answer within ${Math.round(options.timeoutMs / 1000)} s`,
          });
        else resolve({ ok: false, reason: error.message.split("\n")[0] ?? "tesseract failed" });
      },
    );
  });
}

/**
 * Whether OCR text holds `expected`. Both are normalised and compared without spaces, since OCR often
 * adds or drops a space around punctuation (`Client :`, `CONTAINERID`).
 */
export function ocrContains(text: string, expected: string): boolean {
  const squeeze = (s: string) => normalizeText(s).replace(/\s+/g, "");
  return squeeze(text).includes(squeeze(expected));
}
