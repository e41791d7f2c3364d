import { crc32 } from "node:zlib";

export type ImageFormat = "png" | "jpeg" | "gif" | "webp";

export type ImageCheck =
  | { ok: true; format: ImageFormat; width: number; height: number }
  | { ok: false; problem: "not-an-image" | "truncated" | "corrupt"; format?: ImageFormat; detail: string };

/**
 * Recognises an image by its bytes, not its name, and checks it is whole: PNG (signature, IHDR first,
 * every chunk inside the file with a valid CRC, IEND reached), JPEG (SOI, segments inside the file, a
 * frame header, EOI at the end), GIF (header, trailer byte) and WebP (RIFF size equal to the file's).
 */
export function inspectImage(bytes: Buffer): ImageCheck {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return png(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpeg(bytes);
  const head = bytes.subarray(0, 12).toString("latin1");
  if (head.startsWith("GIF87a") || head.startsWith("GIF89a")) return gif(bytes);
  if (head.startsWith("RIFF") && head.slice(8, 12) === "WEBP") return webp(bytes);
  return { ok: false, problem: "not-an-image", detail: "no PNG, JPEG, GIF or WebP signature" };
}

/** The verdict maker of one format: its signature is there, but the file is not whole. */
function damaged(format: ImageFormat) {
  return (problem: "truncated" | "corrupt", detail: string): ImageCheck => ({
    ok: false,
    problem,
    format,
    detail,
  });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(bytes: Buffer): ImageCheck {
  const bad = damaged("png");
  let width = 0;
  let height = 0;
  for (let offset = 8, index = 0; ; index++) {
    if (offset + 12 > bytes.length)
      return bad("truncated", `ends inside a chunk header at byte ${offset}, before IEND`);
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString("latin1");
    if (offset + 12 + length > bytes.length)
      return bad("truncated", `chunk ${type} runs past the end of the file`);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc)
      return bad("corrupt", `chunk ${type} has a wrong CRC`);
    if (index === 0) {
      if (type !== "IHDR" || length !== 13) return bad("corrupt", "the first chunk is not IHDR");
      width = bytes.readUInt32BE(offset + 8);
      height = bytes.readUInt32BE(offset + 12);
    }
    if (type === "IEND") return { ok: true, format: "png", width, height };
    offset += 12 + length;
  }
}

function jpeg(bytes: Buffer): ImageCheck {
  const bad = damaged("jpeg");
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return bad("corrupt", `no segment marker at byte ${offset}`);
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (offset + 2 + length > bytes.length)
      return bad("truncated", "a segment runs past the end of the file");
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      size = { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    if (marker === 0xda) {
      if (!size) return bad("corrupt", "no frame header before the image data");
      // Some tools pad after EOI; the end marker must be among the last bytes, after the padding.
      let end = bytes.length;
      while (end > offset && bytes[end - 1] === 0x00) end--;
      if (bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9)
        return bad("truncated", "no end-of-image marker (FFD9)");
      return { ok: true, format: "jpeg", ...size };
    }
    offset += 2 + length;
  }
  return bad("truncated", "the file ends before the image data");
}

function gif(bytes: Buffer): ImageCheck {
  const bad = damaged("gif");
  if (bytes.length < 14) return bad("truncated", "shorter than a GIF header");
  if (bytes[bytes.length - 1] !== 0x3b) return bad("truncated", "no GIF trailer (3B)");
  return { ok: true, format: "gif", width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
}

function webp(bytes: Buffer): ImageCheck {
  const bad = damaged("webp");
  if (bytes.length < 30) return bad("truncated", "shorter than a WebP header");
  if (bytes.readUInt32LE(4) + 8 > bytes.length)
    return bad("truncated", "the RIFF size is larger than the file");
  const chunk = bytes.subarray(12, 16).toString("latin1");
  if (chunk === "VP8 " && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a)
    return {
      ok: true,
      format: "webp",
      width: bytes.readUInt16LE(26) & 0x3fff,
      height: bytes.readUInt16LE(28) & 0x3fff,
    };
  if (chunk === "VP8L" && bytes[20] === 0x2f) {
    const bits = bytes.readUInt32LE(21);
    return { ok: true, format: "webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X")
    return {
      ok: true,
      format: "webp",
      width: 1 + bytes.readUIntLE(24, 3),
      height: 1 + bytes.readUIntLE(27, 3),
    };
  return bad("corrupt", `unknown WebP chunk ${JSON.stringify(chunk)}`);
}
