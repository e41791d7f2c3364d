import { execFile } from "node:child_process";
import { copyFile, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { OCR_PREFIX } from "../submission/clone-dir.js";
import { normalizeText } from "../text/normalize.js";
import { invertGrey, isPng, pngToGrey } from "./png-grey.js";

/**
 * tesseract's OpenMP threads: one. Its multi-threaded mode spends about three times the CPU for the same
 * text (measured on this course's screenshots: 1.7 s against 0.5 s an image) and takes every core from
 * the containers being checked meanwhile; the text read is identical.
 */
const ocrEnv = () => ({ ...process.env, OMP_THREAD_LIMIT: "1" });

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

export type OcrResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads several images as `ocrImage` does, one result per image in the same order, with one tesseract
 * process: each process loads its model first (0.07–0.1 s of CPU), and a submission's screenshots are read
 * in one go (the complete example's six step-1 screenshots: 1.19 s of CPU in six processes, 0.68 s in one;
 * the same text for every example screenshot, `ocr.test.ts`). The images are copied into a private folder
 * under names of ours (`0.pgm` for an inverted dark PNG, `1.img` for the file as it is: leptonica
 * recognises the format from the bytes; a student's file name, which may hold a newline, never goes in the
 * list), and tesseract reads the list of those names (the first page of each file), with `timeoutMs` per
 * image. Should that process fail (an image it cannot decode stops it), overrun, or its output not split
 * into one page per image, every image is read again by a process of its own, so an image tesseract cannot
 * read fails alone.
 */
export async function ocrImagesTogether(
  absPaths: readonly string[],
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<OcrResult[]> {
  if (absPaths.length <= 1) return Promise.all(absPaths.map((file) => ocrImage(file, options)));
  const together = await withOcrSlot(async (): Promise<OcrResult> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `${OCR_PREFIX}${process.pid}-`));
    try {
      const names: string[] = [];
      for (const [i, file] of absPaths.entries()) {
        const pgm = await darkPngInverted(file);
        const name = `${i}.${pgm ? "pgm" : "img"}`;
        names.push(name);
        await (pgm ? writeFile(path.join(dir, name), pgm) : copyFile(file, path.join(dir, name)));
      }
      // A file that is no image is, to tesseract, a list of images, one a line (relative to `cwd`).
      await writeFile(path.join(dir, "list"), `${names.join("\n")}\n`);
      return await runTesseract(
        "list",
        undefined,
        { ...options, timeoutMs: options.timeoutMs * names.length },
        dir,
      );
    } catch (error) {
      return { ok: false, reason: String(error) }; // an image gone meanwhile, no room for the copies
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  const pages = together.ok ? splitPages(together.text, absPaths.length) : undefined;
  if (pages) return pages.map((text) => ({ ok: true, text }));
  if (!together.ok && options.signal?.aborted) return absPaths.map(() => together);
  return Promise.all(absPaths.map((file) => ocrImage(file, options)));
}

/**
 * The texts of the pages of one tesseract run over a list of `count` images: tesseract writes a form feed
 * before every page but the first. Undefined when the number of pages is not `count`.
 */
export function splitPages(stdout: string, count: number): string[] | undefined {
  const pages = stdout.split("\f");
  return pages.length === count ? pages : undefined;
}

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

/** One tesseract process reading `input` (a file, resolved from `cwd`), or `pgm` on stdin when given. */
function runTesseract(
  input: string,
  pgm: Buffer | undefined,
  options: { timeoutMs: number; signal?: AbortSignal },
  cwd?: string,
): Promise<OcrResult> {
  return new Promise((resolve) => {
    const child = execFile(
      "tesseract",
      [pgm ? "stdin" : input, "stdout", "-l", "eng", "--psm", "6"],
      {
        timeout: options.timeoutMs,
        signal: options.signal,
        maxBuffer: 4 * 1024 * 1024,
        env: ocrEnv(),
        cwd,
      },
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
