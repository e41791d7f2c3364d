import { describe, expect, it } from "vitest";
import { MAX_UNTRUSTED_CHARS, sanitizeDeep, sanitizeFileName, sanitizeText } from "./sanitize.js";

const ESC = "\u001b";
const ZW = "\u200b";

describe("sanitizeText: student text entering a finding", () => {
  it.each([
    ["colour codes", `${ESC}[31mred${ESC}[0m`, "red"],
    ["OSC window title (BEL)", `a${ESC}]0;pwned\u0007b`, "ab"],
    ["OSC 52 clipboard (ST)", `a${ESC}]52;c;ZWNobyBoaQ==${ESC}\\b`, "ab"],
    ["OSC 8 hyperlink", `${ESC}]8;;http://evil${ESC}\\click${ESC}]8;;${ESC}\\`, "click"],
    ["alternate screen", `${ESC}[?1049hhidden${ESC}[?1049l`, "hidden"],
    ["8-bit CSI and OSC", "a\u009b2Jb\u009d0;t\u009cc", "abc"],
    ["DCS", `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, "ab"],
    ["two-character escape (reset)", `a${ESC}cb`, "ab"],
    ["unterminated OSC runs to the end", `ok${ESC}]0;title never ends`, "ok"],
    ["bell, backspace, NUL, DEL", "a\u0007\b\u0000\u007fb", "ab"],
    ["CR LF and lone CR become LF", "a\r\nb\rc", "a\nb\nc"],
    ["Unicode line separators", "a\u2028b\u2029c\u0085d", "a\nb\nc\nd"],
    ["bidi overrides", "user\u202egnp.exe", "usergnp.exe"],
    ["tabs and newlines kept", "a\tb\nc", "a\tb\nc"],
    ["accents and emoji kept", "Étape 1 — ça marche ✅", "Étape 1 — ça marche ✅"],
    ["workflow command", "::error::forged", `:${ZW}:error::forged`],
    ["workflow command after blanks", "   \t::add-mask::secret", `   \t:${ZW}:add-mask::secret`],
    ["stop-commands on a later line", "ok\n::stop-commands::x", `ok\n:${ZW}:stop-commands::x`],
    ["workflow command after a CR", "ok\r::warning::x", `ok\n:${ZW}:warning::x`],
    ["legacy marker", "##[error]x", `#${ZW}#[error]x`],
    ["colons inside a line kept", "a::b http://x", "a::b http://x"],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it("is idempotent", () => {
    const once = sanitizeText(`::error::${ESC}[31m\r\n##[x`);
    expect(sanitizeText(once)).toBe(once);
  });

  it("cuts very long text", () => {
    expect(sanitizeText("x".repeat(MAX_UNTRUSTED_CHARS + 5))).toHaveLength(MAX_UNTRUSTED_CHARS + 1);
  });

  it("takes linear time on a long hostile text", () => {
    const started = Date.now();
    sanitizeText(`${`${ESC}[`.repeat(200_000)}${`${ESC}]`.repeat(200_000)}${"\r::".repeat(200_000)}`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("makes a file name one plain line", () => {
    expect(sanitizeFileName(`REPORT${ESC}]0;x\u0007\r\n# Forged.md`)).toBe("REPORT # Forged.md");
  });

  it("walks details, keys included", () => {
    expect(sanitizeDeep({ log: [`${ESC}[2Jx`], n: 3, [`k${ESC}[1m`]: { y: "::error::z" } })).toEqual({
      log: ["x"],
      n: 3,
      k: { y: `:${ZW}:error::z` },
    });
  });
});
