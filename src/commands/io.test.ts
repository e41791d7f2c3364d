import { describe, expect, it } from "vitest";
import { traceTo } from "./io.js";

function captured() {
  let stderr = "";
  return { io: { stdout: () => {}, stderr: (text: string) => (stderr += text) }, text: () => stderr };
}

describe("traceTo: the verbose log", () => {
  it("prints each line in the user's language", () => {
    for (const [lang, expected] of [
      ["fr", "  … Vérification : Le Dockerfile existe\n"],
      ["en", "  … Checking: The Dockerfile exists\n"],
    ] as const) {
      const out = captured();
      traceTo(
        out.io,
        lang,
      )({ fr: "Vérification : Le Dockerfile existe", en: "Checking: The Dockerfile exists" });
      expect(out.text()).toBe(expected);
    }
  });

  it("keeps a line on one line, without the terminal sequences an engine message could carry", () => {
    const out = captured();
    traceTo(out.io, "en")({ fr: "x", en: "removal failed:\u001b]0;owned\u0007 line one\nline two\r" });
    expect(out.text()).toBe("  … removal failed: line one line two \n");
  });
});
