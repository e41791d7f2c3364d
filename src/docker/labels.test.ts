import os from "node:os";
import { describe, expect, it } from "vitest";
import { harnessReference, newRunId, resourceLabels, runFilter } from "./labels.js";

describe("labels", () => {
  it("makes unique lowercase run ids usable in references and names", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRunId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{16}$/);
  });

  it.each([
    ["quotegen", "1.0.0", "dockgrade/run1/quotegen:1.0.0"],
    ["registry.local/quotegen", "latest", "dockgrade/run1/registry.local/quotegen:latest"],
    ["bad..name", "1.0", "dockgrade/run1/image:1.0"],
    ["quotegen", "-bad", "dockgrade/run1/quotegen:latest"],
  ])("builds %s:%s under the harness namespace", (name, tag, expected) => {
    expect(harnessReference("run1", name, tag)).toBe(expected);
  });

  it("labels and filters by run", () => {
    const labels = resourceLabels("run1", "volume", new Date("2025-01-02T03:04:05Z"));
    expect(labels).toEqual({
      "dockgrade.run": "run1",
      "dockgrade.kind": "volume",
      "dockgrade.created": "2025-01-02T03:04:05.000Z",
      "dockgrade.pid": String(process.pid),
      "dockgrade.host": os.hostname(),
      ...(labels["dockgrade.boot"] ? { "dockgrade.boot": expect.stringMatching(/^[0-9a-f-]{8}$/) } : {}),
    });
    expect(runFilter("run1")).toEqual({ label: ["dockgrade.run=run1"] });
    expect(runFilter()).toEqual({ label: ["dockgrade.run"] });
  });
});
