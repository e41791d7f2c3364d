import { describe, expect, it } from "vitest";
import { canonicalReference, parseImageReference } from "./image-reference.js";

describe("parseImageReference", () => {
  it.each([
    ["quotegen:1.1.0", { path: "quotegen", name: "quotegen", tag: "1.1.0", explicitTag: true }],
    ["quotegen", { path: "quotegen", tag: "latest", explicitTag: false }],
    [
      "registry.local:5000/quotegen:1.1.0",
      { registry: "registry.local:5000", path: "quotegen", tag: "1.1.0" },
    ],
    ["localhost/quotegen", { registry: "localhost", path: "quotegen", tag: "latest" }],
    ["jdoe/quotegen:v2", { path: "jdoe/quotegen", name: "quotegen", tag: "v2" }],
    ["docker.io/library/python:3.12-slim", { path: "python", tag: "3.12-slim" }],
    ["python@sha256:abc", { path: "python", tag: "latest", digest: "sha256:abc" }],
  ])("%s", (written, expected) => {
    const parsed = parseImageReference(written);
    expect(parsed).toMatchObject(expected);
    if (!("registry" in expected)) expect(parsed?.registry).toBeUndefined();
  });

  it.each(["QuoteGen:1.0", "quotegen:", "quotegen:-bad", "", "a//b"])(
    "refuses %j as Docker does",
    (written) => {
      expect(parseImageReference(written)).toBeUndefined();
    },
  );

  it("gives one canonical spelling to equivalent references", () => {
    const canon = (text: string) => canonicalReference(parseImageReference(text) as never);
    expect(canon("quotegen")).toBe("quotegen:latest");
    expect(canon("docker.io/library/quotegen:latest")).toBe("quotegen:latest");
    expect(canon("registry.local:5000/quotegen:1.1.0")).toBe("registry.local:5000/quotegen:1.1.0");
  });
});
