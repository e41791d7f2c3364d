import type { TextUnit } from "./blocks.js";

/** A size written in the report: `242MB`, `133 Mo`, `0,24 GB`, `241 762 472 octets`. */
export interface SizeFigure {
  bytes: number;
  /** As written. */
  text: string;
  line?: number;
}

// Decimal units as the docker CLI prints them (and French "o" for octet); binary ones when written so.
const UNITS: Record<string, number> = {
  "": 1,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  ki: 1024,
  mi: 1024 ** 2,
  gi: 1024 ** 3,
  ti: 1024 ** 4,
};

// A number (digits grouped by spaces, or with a decimal point or comma), then a unit of bytes.
const FIGURE =
  /(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s?(?:(octets?|bytes?)|([kKmMgGtT]i?)?([BbOo]))(?![\w])/g;

/** Every size figure of a text, in bytes. */
export function sizeFigures(text: string, line?: number): SizeFigure[] {
  const out: SizeFigure[] = [];
  for (const match of text.matchAll(FIGURE)) {
    const number = Number((match[1] as string).replace(/[ \u00a0\u202f]/g, "").replace(",", "."));
    const prefix = match[2] ? "" : (match[3] ?? "").toLowerCase();
    // A bare "B"/"o" after a number is a unit only when written in capitals or as "o" (French octet).
    if (!match[2] && !match[3] && match[4] === "b") continue;
    const factor = UNITS[prefix];
    if (factor === undefined || !Number.isFinite(number)) continue;
    out.push({ bytes: Math.round(number * factor), text: match[0].trim(), ...(line ? { line } : {}) });
  }
  return out;
}

/**
 * The figure of the section meant as the image's size: among figures of at least `minBytes` (smaller
 * ones are layers or build contexts), the one closest to the measured size. Several figures (base image,
 * the course's slim sizes, bytes and MB) are common; the report is right when one of them is.
 */
export function closestSizeClaim(
  units: readonly TextUnit[],
  measuredBytes: number,
  minBytes: number,
): SizeFigure | undefined {
  const figures = units.flatMap((u) => sizeFigures(u.text, u.line)).filter((f) => f.bytes >= minBytes);
  const distance = (f: SizeFigure) => Math.abs(Math.log(f.bytes / measuredBytes));
  return figures.sort((a, b) => distance(a) - distance(b))[0];
}
