import { describe, expect, it } from "vitest";
import { textProblem } from "./text-content.js";

const utf16le = (text: string) => Buffer.from(text, "utf16le");

describe("textProblem", () => {
  it.each([
    ["Markdown in UTF-8", Buffer.from("# TP Docker\n## Étape 1\n"), undefined],
    ["an empty file", Buffer.alloc(0), undefined],
    ["Latin-1 French text", Buffer.from([0x45, 0x74, 0x61, 0x70, 0x65, 0x20, 0xe9]), undefined],
    ["UTF-16 with a byte-order mark", Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le("# TP")]), "utf16"],
    ["UTF-16 without a byte-order mark", utf16le("# TP Docker\n## Etape 1\n"), "utf16"],
    [
      "a PNG image",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]),
      "binary",
    ],
    ["random bytes", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)), "binary"],
  ])("%s", (_name, bytes, expected) => {
    expect(textProblem(bytes)).toBe(expected);
  });
});
