import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type HistoryEntry, layerTable } from "../src/analysis/image-layers.js";
import type { GraderResult } from "../src/grader/contract.js";
import { contextFor, rendered, runWithDefaults } from "../src/grader/test-context.js";
import { dockerfileLayers } from "./kit/image-layers.js";
import { judgeLayers, type LayersParams } from "./layers/judge.js";
import layers from "./layers.js";

const history = (name: string): HistoryEntry[] =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/image/${name}.history.json`, import.meta.url), "utf8"));

async function table(name: string, repo = "ok") {
  const dockerfile = await dockerfileLayers(contextFor(`graders/__fixtures__/repos/${repo}`));
  const baseRef = dockerfile.baseRef as string;
  return { ...layerTable(history(name), { baseRefs: [baseRef], steps: dockerfile.steps }), baseRef };
}

const params = (overrides: Partial<LayersParams> = {}): LayersParams => ({
  top: 3,
  heaviest: [],
  lightPatterns: [],
  lightMaxMb: 1,
  ...overrides,
});
const text = (result: GraderResult) => rendered(layers, result);

describe("judgeLayers", () => {
  it("names the heaviest layers and passes when nothing more is asked", async () => {
    const result = judgeLayers(await table("ok"), params());
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(text(result)).toBe(
      "The 3 heaviest layers: 1. [FROM python:3.12-slim] (Imported from -) (242MB); 2. COPY app.py . (356B); 3. COPY data ./data (84B).",
    );
    const listed = (result.details?.layers ?? []) as Array<{
      instruction: string;
      size: number;
      base: boolean;
    }>;
    const rows = listed.map((l) => [l.instruction, l.size, l.base]);
    expect(rows).toHaveLength(8);
    expect(rows[4]).toEqual(["RUN pip install --no-cache-dir -r requirements.txt", 0, false]);
  });

  it("checks the base and pip among the heaviest of a real slim image, and the COPY layers light", async () => {
    const result = judgeLayers(
      await table("slim-pulled"),
      params({ top: 3, heaviest: ["base", "pip install"], lightPatterns: ["COPY app\\.py", "COPY data"] }),
    );
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings.map((f) => [f.messageId, f.line])).toEqual([
      ["heaviest", undefined],
      ["heavyOk", undefined],
      ["heavyOk", 5],
      ["lightOk", 6],
      ["lightOk", 7],
    ]);
    expect(text(result)).toContain(
      'A layer made by "pip install" is among the 3 heaviest (#3): RUN pip install --no-cache-dir -r requirements.txt (14MB).',
    );
  });

  it("fails pip as a heavy layer on the stand-in base, where it weighs 0 B", async () => {
    const result = judgeLayers(await table("ok"), params({ heaviest: ["base", "pip install"] }));
    expect(result).toMatchObject({ status: "partial", credit: 0.5 });
    expect(result.findings[2]).toMatchObject({ messageId: "heavyLight", severity: "problem", line: 5 });
    expect(text(result)).toContain("but RUN pip install --no-cache-dir -r requirements.txt weighs only 0B");
  });

  it("fails a light pattern on a heavy layer, and a pattern no layer matches", async () => {
    const result = judgeLayers(
      await table("huge-image", "huge-image"),
      params({ heaviest: ["apt-get install"], lightPatterns: ["^RUN head", "COPY static"] }),
    );
    expect(result).toMatchObject({ status: "fail", credit: 0 });
    expect(result.findings.slice(1).map((f) => [f.code, f.messageId])).toEqual([
      ["LY002", "heavyMissing"],
      ["LY003", "lightHeavy"],
      ["LY003", "lightMissing"],
    ]);
    expect(text(result)).toContain(
      'RUN head -c 300M /dev/zero > /var/tmp/ballast.bin (made by "RUN head") should weigh under 1.0MB, but it weighs 315MB',
    );
  });
});

describe("the layers grader before any image", () => {
  it("never sees an invalid pattern: its parameters refuse it, as rubric lint does", async () => {
    await expect(
      runWithDefaults(layers, contextFor("graders/__fixtures__/repos/ok"), { heaviest: ["(pip"] }),
    ).rejects.toThrow(/heaviest\/0 Unterminated group/);
  });

  it("is an error without a Docker session", async () => {
    const result = await runWithDefaults(layers, contextFor("graders/__fixtures__/repos/ok"), {});
    expect(result).toMatchObject({ status: "error", findings: [{ messageId: "noSession" }] });
  });
});
