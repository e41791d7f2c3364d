import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graderFixtures } from "../src/grader/docker-test-context.js";
import layers from "./layers.js";

const { open, grade, text, close } = graderFixtures(layers);

beforeAll(async () => {
  for (const name of ["ok", "huge-image"]) await open(name);
}, 120_000);

afterAll(async () => {
  expect(await close()).toEqual([]);
}, 60_000);

describe("layers on the real engine", () => {
  it("names ok's layers by their Dockerfile instruction: the base heaviest, the COPY layers light", async () => {
    const result = await grade("ok", { heaviest: ["base"], lightPatterns: ["COPY app\\.py", "COPY data"] });
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(text(result)).toMatch(
      /^The 3 heaviest layers: 1\. \[FROM python:3\.12-slim\] \(Imported from -\) \(242MB\); 2\. COPY app\.py \. \(356B\)/,
    );
    const table = result.details?.layers as Array<{ instruction: string; line?: number; base: boolean }>;
    expect(table.map((l) => l.instruction)).toEqual([
      'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]',
      "EXPOSE 5000",
      "COPY data ./data",
      "COPY app.py .",
      "RUN pip install --no-cache-dir -r requirements.txt",
      "COPY requirements.txt .",
      "WORKDIR /app",
      "(Imported from -)",
    ]);
  }, 120_000);

  it("shows huge-image's ballast above the base and fails it as a light layer", async () => {
    const result = await grade("huge-image", { top: 2, heaviest: ["base"], lightPatterns: ["RUN head"] });
    expect(result).toMatchObject({ status: "partial", credit: 0.5 });
    expect(text(result)).toContain(
      "1. RUN head -c 300M /dev/zero > /var/tmp/ballast.bin (315MB); 2. [FROM python:3.12-slim]",
    );
    expect(result.findings.at(-1)).toMatchObject({ messageId: "lightHeavy", file: "Dockerfile", line: 8 });
  }, 120_000);
});
