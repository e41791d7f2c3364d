/** Why bytes are not a text file a person wrote, if they are not: UTF-16 (Windows "Unicode") or binary. */
export type TextProblem = "utf16" | "binary";

/**
 * Text files hold no NUL byte; UTF-16 files hold one every other byte (and usually start with a byte-order
 * mark); images, PDFs and archives hold many. Only the first 64 KiB are looked at.
 */
export function textProblem(bytes: Uint8Array): TextProblem | undefined {
  const head = bytes.subarray(0, 64 * 1024);
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)))
    return "utf16";
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) nulEven++;
    else nulOdd++;
  }
  if (nulEven + nulOdd === 0) return undefined;
  const half = head.length / 2;
  // ASCII text in UTF-16 without a byte-order mark: almost every high (or low) byte is zero.
  if (half > 0 && Math.max(nulEven, nulOdd) >= 0.8 * half && Math.min(nulEven, nulOdd) < 0.05 * half)
    return "utf16";
  return "binary";
}
