import { execFile } from "node:child_process";
import { open } from "node:fs/promises";
import os from "node:os";
import { normalizeText } from "../text/normalize.js";
import { invertGrey, isPng, pngToGrey } from "./png-grey.js";

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
 *
 * A dark PNG (a terminal: light text on a dark background) is handed to tesseract already inverted, as
 * greyscale PGM on stdin. On the image as it is, tesseract's first pass reads every line with low
 * confidence and reads each one again inverted (`tessedit_do_invert`): two passes; on the inverted image
 * one is enough (a third less CPU on this course's screenshots, 0.51 s → 0.32 s for `docker info`). Its
 * own inversion retry stays on: it costs nothing measurable once the image is light, and the light parts
 * of a mixed image (a light window beside the terminal) are still read (`-c tessedit_do_invert=0` lost
 * them). A light image, any other format, or a PNG that cannot be decoded within bounds goes to
 * tesseract as its file, as before.
 */
export function ocrImage(
  absPath: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<OcrResult> {
  return withOcrSlot(async () => runTesseract(absPath, await darkPngInverted(absPath), options));
}

type OcrResult = { ok: true; text: string } | { ok: false; reason: string };

/** Mean grey below which an image is dark and inverted (the course's terminal screenshots: 37 to 47). */
export const DARK_MEAN = 128;

/** Files larger than this are not decoded here (the screenshots grader refuses them above 5 MB already). */
const MAX_DECODED_FILE_BYTES = 16 * 1024 * 1024;

/**
 * The inverted greyscale PGM of a dark PNG, or undefined: not a PNG, light, too large, unreadable or not
 * decodable (then tesseract reads the file itself). Never throws.
 */
export async function darkPngInverted(absPath: string): Promise<Buffer | undefined> {
  let bytes: Buffer;
  try {
    const file = await open(absPath, "r");
    try {
      const { size } = await file.stat();
      if (size > MAX_DECODED_FILE_BYTES) return undefined;
      bytes = Buffer.allocUnsafe(size);
      const { bytesRead } = await file.read(bytes, 0, size, 0);
      if (bytesRead !== size) return undefined;
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
  if (!isPng(bytes)) return undefined;
  try {
    const image = await pngToGrey(bytes);
    if (!image.ok || image.mean >= DARK_MEAN) return undefined;
    invertGrey(image.grey);
    return image.pgm;
  } catch {
    return undefined; // pngToGrey answers ok: false rather than throw; should it throw, today's path
  }
}

function runTesseract(
  absPath: string,
  pgm: Buffer | undefined,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<OcrResult> {
  return new Promise((resolve) => {
    const child = execFile(
      "tesseract",
      [pgm ? "stdin" : absPath, "stdout", "-l", "eng", "--psm", "6"],
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
    if (pgm) {
      // A tesseract that exits (or is killed) before reading all of it closes the pipe: EPIPE, reported
      // by the exit above, not thrown here.
      child.stdin?.on("error", () => {});
      child.stdin?.end(pgm);
    }
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
