import { buildCodes } from "./build.js";
import { dockerfileCodes } from "./dockerfile.js";
import type { CodeEntry } from "./entry.js";
import { imageCodes } from "./image.js";
import { reportCodes } from "./report.js";

/** Every stable finding code, by family: the one list docs/codes.md is written from. */
export const CODES: readonly CodeEntry[] = [...dockerfileCodes, ...buildCodes, ...imageCodes, ...reportCodes];
