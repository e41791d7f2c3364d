import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graderFixtures } from "../src/grader/docker-test-context.js";
import imageSize from "./image-size.js";

const { open, grade, text, close } = graderFixtures(imageSize);

beforeAll(async () => {
  for (const name of ["ok", "huge-image"]) await open(name);
}, 120_000);

afterAll(async () => {
  expect(await close()).toEqual([]);
}, 60_000);

describe("image-size on the real engine", () => {
  it("passes ok: about 242MB on the stand-in base, a few hundred bytes of its own", async () => {
    const result = await grade("ok");
    expect(result).toMatchObject({ status: "pass", credit: 1, details: { baseFound: "tag" } });
    const details = result.details as { sizeBytes: number; addedBytes: number };
    expect(details.sizeBytes).toBeGreaterThan(200_000_000);
    expect(details.addedBytes).toBeLessThan(10_000);
    expect(text(result)).toMatch(
      /^The image weighs 242MB \(\d+ bytes\), under the limit of 400MB\.\nYour layers add \d+B to the base image python:3\.12-slim \(242MB\)/,
    );
  }, 120_000);

  it("fails huge-image on the size its own layers add, naming the ballast", async () => {
    const result = await grade("huge-image", { maxMb: 1000 });
    expect(result).toMatchObject({ status: "partial", credit: 0.5 });
    expect(result.findings[1]).toMatchObject({
      messageId: "addedOver",
      code: "IS002",
      file: "Dockerfile",
      line: 8,
    });
    expect(text(result)).toContain(
      "but they add 315MB; the heaviest is `RUN head -c 300M /dev/zero > /var/tmp/ballast.bin` (315MB)",
    );
  }, 120_000);

  it("fails huge-image on both limits with the defaults", async () => {
    const result = await grade("huge-image");
    expect(result).toMatchObject({ status: "fail", credit: 0 });
    expect(text(result)).toContain(
      "should weigh at most 400MB (440MB with the 10% tolerance), but it weighs 556MB",
    );
  }, 120_000);

  it("finds the base from the parameter too, and not from a reference the image lacks", async () => {
    expect((await grade("ok", { base: "docker.io/library/python:3.12-slim" })).details).toMatchObject({
      baseFound: "tag",
    });
    // Not a tag of the base: the Dockerfile's instructions still line up with the history.
    expect((await grade("ok", { base: "python:3.11" })).details).toMatchObject({ baseFound: "dockerfile" });
  }, 120_000);
});
