/** Clone folders are `<tmp>/dockgrade-clone-<pid>-XXXXXX`: gc removes those of processes that are gone. */
export const CLONE_PREFIX = "dockgrade-clone-";

/** The copies of a check's screenshots tesseract reads (`src/images/ocr.ts`), named the same way. */
export const OCR_PREFIX = "dockgrade-ocr-";

/** Temporary folders named `<prefix><pid>-XXXXXX`: a process killed with SIGKILL leaves them to gc. */
export const PROCESS_DIR_PREFIXES = [CLONE_PREFIX, OCR_PREFIX] as const;
