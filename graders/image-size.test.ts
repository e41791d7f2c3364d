import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type HistoryEntry, layerTable } from "../src/analysis/image-layers.js";
import type { GraderResult } from "../src/grader/contract.js";
import { contextFor, rendered } from "../src/grader/test-context.js";
import imageSize, { judgeImageSize } from "./image-size.js";
import { dockerfileLayers } from "./kit/image-layers.js";

const fixture = (name: string, kind: "history" | "inspect") =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/image/${name}.${kind}.json`, import.meta.url), "utf8"));

/** The recorded image of a fixture repository, its base found as the grader finds it. */
async function recorded(name: string, repo = `graders/__fixtures__/repos/${name}`) {
  const dockerfile = await dockerfileLayers(contextFor(repo));
  const history = fixture(name, "history") as HistoryEntry[];
  const table = layerTable(history, {
    baseRefs: dockerfile.baseRef ? [dockerfile.baseRef] : [],
    steps: dockerfile.steps,
  });
  return { size: fixture(name, "inspect").Size as number, table: { ...table, baseRef: dockerfile.baseRef } };
}

const DEFAULTS = { maxMb: 400, maxAddedMb: 60, slackPercent: 10 };
const text = (result: GraderResult) => rendered(imageSize, result);

describe("judgeImageSize", () => {
  it("passes the course's image on the stand-in base and gives the figures", async () => {
    const { size, table } = await recorded("ok");
    const result = judgeImageSize(size, table, DEFAULTS);
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.details).toMatchObject({ sizeBytes: 241_760_960, baseBytes: 241_760_505, addedBytes: 455 });
    expect(text(result)).toBe(
      [
        "The image weighs 242MB (241760960 bytes), under the limit of 400MB.",
        "Your layers add 455B to the base image python:3.12-slim (242MB), under the limit of 60MB.",
      ].join("\n"),
    );
  });

  it("fails huge-image on both limits and names the ballast layer with its line", async () => {
    const { size, table } = await recorded("huge-image");
    const result = judgeImageSize(size, table, DEFAULTS, "tp1/Dockerfile");
    expect(result).toMatchObject({ status: "fail", credit: 0 });
    expect(result.findings.map((f) => [f.code, f.messageId, f.file, f.line])).toEqual([
      ["IS001", "totalOver", undefined, undefined],
      ["IS002", "addedOver", "tp1/Dockerfile", 8],
    ]);
    expect(text(result)).toContain(
      "should weigh at most 400MB (440MB with the 10% tolerance), but it weighs 556MB",
    );
    expect(text(result)).toContain(
      "they add 315MB; the heaviest is `RUN head -c 300M /dev/zero > /var/tmp/ballast.bin` (315MB)",
    );
  });

  it("judges the added size apart from the total (partial credit)", async () => {
    const { size, table } = await recorded("huge-image");
    const result = judgeImageSize(size, table, { ...DEFAULTS, maxMb: 1000 });
    expect(result).toMatchObject({ status: "partial", credit: 0.5 });
  });

  it("applies the slack: 242MB passes a 225MB limit with 10% but not with 5%", async () => {
    const { size, table } = await recorded("ok");
    expect(judgeImageSize(size, table, { ...DEFAULTS, maxMb: 225 }).status).toBe("pass");
    expect(judgeImageSize(size, table, { ...DEFAULTS, maxMb: 225, slackPercent: 5 }).status).toBe("partial");
  });

  it("measures a real slim image: 133MB with 14MB added by pip", () => {
    const history = fixture("slim-pulled", "history") as HistoryEntry[];
    const table = { ...layerTable(history, { baseRefs: ["python:3.12-slim"] }), baseRef: "python:3.12-slim" };
    const size = history.reduce((sum, e) => sum + e.Size, 0);
    const result = judgeImageSize(size, table, { ...DEFAULTS, maxMb: 150, maxAddedMb: 10 });
    expect(result).toMatchObject({ status: "partial", credit: 0.5 });
    expect(text(result)).toContain(
      "they add 14MB; the heaviest is `RUN pip install --no-cache-dir -r requirements.txt` (14MB)",
    );
  });

  it("checks only the total when the base cannot be told apart, and says so", () => {
    const history = (fixture("ok", "history") as HistoryEntry[]).map((e) => ({ ...e, Tags: null }));
    const result = judgeImageSize(
      241_760_960,
      { ...layerTable(history), baseRef: "python:3.12-slim" },
      DEFAULTS,
    );
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings[1]).toMatchObject({ messageId: "baseUnknown", severity: "info" });
  });
});
