import { describe, expect, it } from "vitest";
import { baseImages } from "./base-images.js";

describe("baseImages", () => {
  it.each([
    ["FROM python:3.12-slim\nWORKDIR /app\n", ["python:3.12-slim"]],
    [
      "FROM python:3.12-slim AS build\nRUN x\nFROM build AS test\nFROM --platform=linux/amd64 python:3.12-slim\n",
      ["python:3.12-slim"],
    ],
    [`ARG V=3.12\nFROM python:${"$"}{V}-slim\nFROM scratch\n`, []],
    ["from \\\n  alpine:3.20 as base\nFROM BASE\nCOPY --from=nginx:1 /x /x\n", ["alpine:3.20"]],
  ])("%j → %j", (dockerfile, images) => {
    expect(baseImages(dockerfile)).toEqual(images);
  });
});
