import { batchText } from "../batch/messages.js";
import { type ClassCommand, lockOutDir } from "../batch/out-lock.js";
import type { Lang } from "../i18n/text.js";
import { type CommandIO, UsageError } from "./io.js";
import { shownPath } from "./shown-path.js";

/**
 * Takes the class output folder `outDir` (absolute, prepared) for this `batch` or `merge`, or refuses with
 * who holds it and what to do (exit 2). A lock left by a command that no longer runs is taken over, with a
 * note. Returns the release.
 */
export function takeClassOutDir(
  outDir: string,
  command: ClassCommand,
  lang: Lang,
  io: CommandIO,
): () => void {
  const lock = lockOutDir(outDir, command);
  if (!lock.ok) {
    const shown = { dir: shownPath(outDir), file: shownPath(lock.file) };
    throw new UsageError(
      lock.holder
        ? batchText(lang, "outLocked", { ...shown, ...lock.holder })
        : batchText(lang, "outLockUnreadable", shown),
    );
  }
  if (lock.tookOverFrom)
    io.stderr(`${batchText(lang, "outLockTakenOver", { dir: shownPath(outDir), ...lock.tookOverFrom })}\n`);
  return lock.release;
}
