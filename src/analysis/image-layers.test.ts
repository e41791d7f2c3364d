import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  cleanCreatedBy,
  type HistoryEntry,
  heaviestLayers,
  type LayerStep,
  layerLabel,
  layerTable,
} from "./image-layers.js";

const fixture = (name: string): HistoryEntry[] =>
  JSON.parse(
    readFileSync(new URL(`../../graders/__fixtures__/image/${name}.history.json`, import.meta.url), "utf8"),
  );

// The course's Dockerfile (graders/__fixtures__/repos/ok), FROM left out.
const STEPS: LayerStep[] = [
  { keyword: "WORKDIR", text: "/app", line: 3 },
  { keyword: "COPY", text: "requirements.txt .", line: 4 },
  { keyword: "RUN", text: "pip install --no-cache-dir -r requirements.txt", line: 5 },
  { keyword: "COPY", text: "app.py .", line: 6 },
  { keyword: "COPY", text: "data ./data", line: 7 },
  { keyword: "EXPOSE", text: "5000", line: 8 },
  { keyword: "CMD", text: '["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]', line: 9 },
];

describe("cleanCreatedBy", () => {
  it.each([
    [
      '/bin/sh -c #(nop)  CMD ["gunicorn" "--bind" "0.0.0.0:5000" "app:app"]',
      'CMD ["gunicorn" "--bind" "0.0.0.0:5000" "app:app"]',
    ],
    ["/bin/sh -c #(nop) COPY file:4ee1b64e in . ", "COPY file:4ee1b64e in ."],
    ["/bin/sh -c #(nop) WORKDIR /app", "WORKDIR /app"],
    [
      "/bin/sh -c pip install --no-cache-dir -r requirements.txt",
      "RUN pip install --no-cache-dir -r requirements.txt",
    ],
    ["|2 PY=3 MODE=prod /bin/sh -c pip install flask", "RUN pip install flask"],
    ["RUN /bin/sh -c set -eux; apt-get update # buildkit", "RUN set -eux; apt-get update"],
    [
      "RUN |1 PIP_NO_CACHE_DIR=1 /bin/sh -c pip install -r requirements.txt # buildkit",
      "RUN pip install -r requirements.txt",
    ],
    ["COPY app.py . # buildkit", "COPY app.py ."],
    ["ENV LANG=C.UTF-8", "ENV LANG=C.UTF-8"],
    ["pip install flask", "RUN pip install flask"],
    ["", ""],
  ])("%j", (createdBy, expected) => {
    expect(cleanCreatedBy(createdBy)).toBe(expected);
  });
});

describe("layerTable", () => {
  it("finds the base by its tag and names the student's layers by the Dockerfile (recorded on the stand-in base)", () => {
    const table = layerTable(fixture("ok"), { baseRefs: ["python:3.12-slim"], steps: STEPS });
    expect(table.baseFound).toBe("tag");
    expect(table.baseBytes).toBe(241_760_505);
    expect(table.layers.map((l) => [l.position, l.base, l.instruction, l.size, l.line])).toEqual([
      [8, false, 'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]', 0, 9],
      [7, false, "EXPOSE 5000", 0, 8],
      [6, false, "COPY data ./data", 84, 7],
      [5, false, "COPY app.py .", 356, 6],
      [4, false, "RUN pip install --no-cache-dir -r requirements.txt", 0, 5],
      [3, false, "COPY requirements.txt .", 15, 4],
      [2, false, "WORKDIR /app", 0, 3],
      [1, true, "(Imported from -)", 241_760_505, undefined],
    ]);
  });

  it("matches docker.io/library spellings of the base's tag", () => {
    expect(layerTable(fixture("ok"), { baseRefs: ["docker.io/library/python:3.12-slim"] }).baseFound).toBe(
      "tag",
    );
  });

  it("falls back on counting the Dockerfile's instructions when the base carries no tag", () => {
    const untagged = fixture("slim-pulled").map((e) => ({ ...e, Tags: null }));
    const table = layerTable(untagged, { baseRefs: ["python:3.12-slim"], steps: STEPS });
    expect(table.baseFound).toBe("dockerfile");
    expect(table.layers.filter((l) => !l.base)).toHaveLength(7);
    expect(table.baseBytes).toBe(74_830_839 + 3_518_296 + 41_186_042 + 36);
  });

  it("leaves the base unknown when neither the tag nor the instructions line up, and names layers by history", () => {
    const untagged = fixture("ok").map((e) => ({ ...e, Tags: null }));
    const steps = [...STEPS.slice(0, -1), { keyword: "ENTRYPOINT", text: '["gunicorn"]', line: 9 }];
    const table = layerTable(untagged, { baseRefs: ["python:3.12-slim"], steps });
    expect(table.baseFound).toBe("none");
    expect(table.baseBytes).toBeUndefined();
    expect(table.layers.every((l) => !l.base)).toBe(true);
    expect(table.layers[2]?.instruction).toMatch(/^COPY dir:db52f2a0.* in \.\/data$/);
  });

  it("labels base layers with their FROM and cuts long scripts", () => {
    const table = layerTable(fixture("slim-pulled"), { baseRefs: ["python:3.12-slim"], steps: STEPS });
    const label = layerLabel(table.layers[9] as never, "python:3.12-slim");
    expect(label.startsWith("[FROM python:3.12-slim] RUN set -eux;")).toBe(true);
    expect(label.endsWith("…")).toBe(true);
  });
});

describe("heaviestLayers", () => {
  it("names the heaviest layers of a real slim-based image: Debian, Python, then pip", () => {
    const top = heaviestLayers(fixture("slim-pulled"), 3, { baseRefs: ["python:3.12-slim"], steps: STEPS });
    expect(top.map((l) => [l.base, l.size])).toEqual([
      [true, 74_830_839],
      [true, 41_186_042],
      [false, 14_212_304],
    ]);
    expect(top[2]?.instruction).toBe("RUN pip install --no-cache-dir -r requirements.txt");
    expect(top[2]?.line).toBe(5);
  });

  it("puts the ballast RUN of huge-image first and never lists empty layers", () => {
    const top = heaviestLayers(fixture("huge-image"), 10);
    expect(top[0]).toMatchObject({
      instruction: "RUN head -c 300M /dev/zero > /var/tmp/ballast.bin",
      size: 314_572_800,
    });
    expect(top.every((l) => l.size > 0)).toBe(true);
    expect(top).toHaveLength(5);
  });
});
