import { execFile } from "node:child_process";
import os from "node:os";
import { normalizeText } from "../text/normalize.js";

/**
 * tesseract's OpenMP threads: one. Its multi-threaded mode spends about three times the CPU for the same
 * text (measured on this course's screenshots: 1.7 s against 0.5 s an image) and takes every core from
 * the containers being checked meanwhile; the text read is identical.
 */
const OCR_ENV = { ...process.env, OMP_THREAD_LIMIT: "1" };

/**
 * At most this many tesseract processes at once in the whole process (a class graded at once included):
 * the cores but one, so OCR never starves the Docker checks running beside it.
 */
const OCR_SLOTS = Math.max(1, os.availableParallelism() - 1);
let running = 0;
const queue: Array<() => void> = [];

async function withOcrSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= OCR_SLOTS) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

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
  return withOcrSlot(() => runTesseract(absPath, options));
}

function runTesseract(
  absPath: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    execFile(
      "tesseract",
      [absPath, "stdout", "-l", "eng", "--psm", "6"],
      { timeout: options.timeoutMs, signal: options.signal, maxBuffer: 4 * 1024 * 1024, env: OCR_ENV },
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
