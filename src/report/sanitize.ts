/**
 * Student text (container logs, build output, HTTP bodies, README headings, file names) made safe to
 * enter a finding, once, where it enters: terminal escape sequences and control characters removed, line
 * ends made plain, and lines that GitHub Actions would run as workflow commands (`::error`,
 * `::add-mask::`, `::stop-commands::`, legacy `##[`) broken with an invisible character. What is left is
 * plain text; each reporter escapes it again for its own format (Markdown, HTML).
 */

// ESC or the 8-bit CSI/OSC/DCS... introducers, then the sequence's body up to its terminator:
// CSI ends with a final byte; OSC, DCS, SOS, PM and APC end with BEL or ST (ESC \ or 0x9C); other escapes
// are two characters. An unterminated string sequence runs to the end of the text and goes with it.
const ESCAPES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /(?:\u001b\[|\u009b)[\u0020-\u003f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\u0007\u009c\u001b]*(?:\u0007|\u009c|\u001b\\)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// C0 controls but tab and line feed, DEL, C1 controls; Unicode bidirectional overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// After optional blanks at the start of a line: `::` (a workflow command) or a legacy `##[` marker.
const COMMAND_LINE = /^([ \t\u00a0\u2000-\u200a\u3000]*):(?=:)/gm;
const LEGACY = /##\[/g;

/** The longest student text kept in one finding value; the rest is cut with an ellipsis. */
export const MAX_UNTRUSTED_CHARS = 10_000;

export function sanitizeText(text: string, maxChars = MAX_UNTRUSTED_CHARS): string {
  const plain = text
    .replace(ESCAPES, "")
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(CONTROLS, "")
    .replace(COMMAND_LINE, "$1:\u200b")
    .replace(LEGACY, "#\u200b#[");
  return plain.length > maxChars ? `${plain.slice(0, maxChars)}…` : plain;
}

/** A file name or path from a submission: one line, no control characters. */
export function sanitizeFileName(name: string): string {
  return sanitizeText(name, 1000).replace(/\n/g, " ");
}

/** Every string inside `value` (objects and arrays walked) sanitised; other values kept. */
export function sanitizeDeep<T>(value: T, depth = 0): T {
  if (typeof value === "string") return sanitizeText(value) as T;
  if (depth > 20 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => sanitizeDeep(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[sanitizeFileName(key)] = sanitizeDeep(item, depth + 1);
  return out as T;
}

/** Whether `text` holds a control character other than tab and line feed (what tests assert on output). */
export function hasControlCharacters(text: string): boolean {
  return new RegExp(CONTROLS.source).test(text) || text.includes("\r");
}
