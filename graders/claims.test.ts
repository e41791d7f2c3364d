import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type HistoryEntry, layerTable } from "../src/analysis/image-layers.js";
import type { GraderResult } from "../src/grader/contract.js";
import { contextFor, rendered } from "../src/grader/test-context.js";
import { parseMarkdown } from "../src/markdown/parse.js";
import { findSection } from "../src/markdown/sections.js";
import { paramsWithDefaults } from "../src/rubric/validate-schema.js";
import { textUnits } from "./claims/blocks.js";
import { type ClaimsParams, judgeClaims } from "./claims/judge.js";
import { layerClaims } from "./claims/layer-claims.js";
import { sizeFigures } from "./claims/size-claims.js";
import claims from "./claims.js";
import { dockerfileLayers } from "./kit/image-layers.js";
import { extractDockerCommands } from "./kit/tags/commands.js";
import { markdownCommandSources } from "./kit/tags/sources.js";

const COMPLETE = readFileSync("submissions-example/complete/README.md", "utf8");
const recorded = (name: string, kind: "history" | "inspect") =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/image/${name}.${kind}.json`, import.meta.url), "utf8"));

const params = (overrides: Partial<ClaimsParams> = {}): ClaimsParams =>
  ({
    ...paramsWithDefaults(claims.params, {}),
    name: "quotegen",
    tags: ["1.1.0", "latest"],
    ...overrides,
  }) as ClaimsParams;

/** Judges `readme` against a recorded image (the complete example's, built on the stand-in base). */
async function judge(
  readme: string,
  image = "complete",
  overrides: Partial<ClaimsParams> = {},
): Promise<GraderResult> {
  const dockerfile = await dockerfileLayers(contextFor("submissions-example/complete"));
  const history = recorded(image, "history") as HistoryEntry[];
  const baseRef = dockerfile.baseRef as string;
  const table = { ...layerTable(history, { baseRefs: [baseRef], steps: dockerfile.steps }), baseRef };
  const root = parseMarkdown(readme);
  const commands = markdownCommandSources("README.md", readme, root).flatMap(extractDockerCommands);
  return judgeClaims(
    { root, file: "README.md", table, sizeBytes: recorded(image, "inspect").Size, commands },
    params(overrides),
  );
}

const text = (result: GraderResult) => rendered(claims, result);

describe("sizeFigures", () => {
  it.each([
    ["docker image ls affiche **242MB**", [242e6]],
    ["environ 133 Mo, dont 120 MB de base", [133e6, 120e6]],
    ["0.24 GB ou 0,24 Go", [0.24e9, 0.24e9]],
    ["241 762 472 octets", [241_762_472]],
    ["1,43 kB pour app.py, 525 B pour data", [1430, 525]],
    ["128 MiB", [128 * 1024 * 1024]],
    ["python:3.12-slim, id 8829313c55de, port 5000, 3 b", []],
  ])("%s", (line, bytes) => {
    expect(sizeFigures(line).map((f) => f.bytes)).toEqual(bytes);
  });
});

describe("layerClaims", () => {
  it("reads the complete example's step 5: the base is heavy, the COPY layers tiny", () => {
    const section = findSection(parseMarkdown(COMPLETE), /etape\s*5/);
    const found = layerClaims(textUnits(section?.children ?? []));
    expect(found.map((c) => [c.kind, c.weight])).toEqual([
      ["base", "heavy"],
      ["copy", "light"],
    ]);
    expect(found[0]?.quote).toBe("Les couches de l'image de base pèsent presque tout : 242 MB ici.");
  });

  it.each([
    ["La couche la plus lourde est celle du `pip install`.", [["pip", "heavy"]]],
    ["The base image layers are by far the heaviest.", [["base", "heavy"]]],
    [
      "Le `FROM python:3.12-slim` représente la majorité de la taille, et les COPY sont négligeables.",
      [
        ["base", "heavy"],
        ["copy", "light"],
      ],
    ],
    ["| Couche | Taille | Poids |\n|---|---|---|\n| RUN pip install | 14 MB | lourde |", [["pip", "heavy"]]],
    [
      "- Les couches qui pèsent le plus :\n  - `FROM python:3.12-slim` : le système et Python.\n  - `RUN pip install` : Flask et Gunicorn, souvent la deuxième plus grosse.\n  - `COPY data` : dépend du volume des citations.\n- Couches minuscules :\n  - `COPY app.py`, `WORKDIR` et `CMD`.",
      [
        ["base", "heavy"],
        ["pip", "heavy"],
        ["copy", "light"],
      ],
    ],
    ["`WORKDIR`, `COPY app.py`, `EXPOSE` : taille négligeable.", [["copy", "light"]]],
    ["La couche `COPY data` peut devenir très lourde.", []],
    ["La couche pip n'est pas la plus lourde.", []],
    ["On part d'une image de base slim, plus légère.", []],
    ["Les dépendances sont petites.", []],
  ])("%s", (sentence, expected) => {
    const units = textUnits(parseMarkdown(`# Etape 5\n\n${sentence}\n`).children);
    expect(layerClaims(units).map((c) => [c.kind, c.weight])).toEqual(expected);
  });
});

describe("judgeClaims", () => {
  it("passes the complete example: its layers, its size and its tags match the image", async () => {
    const result = await judge(COMPLETE);
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.details?.claims).toEqual({ layers: 1, size: 1, tags: 1 });
    expect(result.findings.map((f) => [f.code, f.messageId])).toEqual([
      ["CL001", "heavyTrue"],
      ["CL001", "lightTrue"],
      ["CL002", "sizeTrue"],
      ["CL003", "tagsTrue"],
    ]);
    expect(text(result)).toContain(
      "The report gives the image size as 241 762 472 octets; the built image weighs 242MB",
    );
    expect(text(result)).toContain("The report's commands give quotegen:1.1.0, quotegen:latest to one image");
  });

  it("fails the claims the image contradicts and keeps the ones it confirms", async () => {
    const readme = [
      "## Etape 2",
      "",
      "L'image quotegen fait 133 MB.",
      "",
      "## Etape 5",
      "",
      "```bash",
      "docker build -t quotegen:1.0.0 .",
      "docker tag quotegen:1.0.0 quotegen:latest",
      "docker build -t quotegen:1.1.0 .",
      "```",
      "",
      "La couche `RUN pip install` est la plus lourde.",
      "",
      "Les COPY sont minuscules.",
    ].join("\n");
    const result = await judge(readme);
    expect(result.details?.claims).toEqual({ layers: 0.5, size: 0, tags: 0 });
    expect(result).toMatchObject({ status: "partial" });
    expect(result.credit).toBeCloseTo(0.5 / 3);
    expect(result.findings.map((f) => [f.messageId, f.line])).toEqual([
      ["heavyFalse", 13],
      ["lightTrue", 15],
      ["sizeFalse", 3],
      ["tagsFalse", undefined],
    ]);
    expect(text(result)).toContain(
      "but in the built image RUN pip install --no-cache-dir -r requirements.txt weighs 0B",
    );
    expect(text(result)).toContain(
      "The report gives the image size as 133 MB (closest of its figures), but the built image weighs 242MB",
    );
  });

  it("accepts a size within the tolerance, or within an absolute one", async () => {
    const readme = "## Etape 2\n\nL'image pèse 200 MB.\n";
    expect((await judge(readme)).status).toBe("pass");
    expect((await judge(readme, "complete", { tolerancePercent: 10 })).status).toBe("fail");
    expect((await judge(readme, "complete", { tolerancePercent: 10, toleranceMb: 50 })).status).toBe("pass");
  });

  it("is skipped, with the reason, when the report makes no claim", async () => {
    const result = await judge("# Rapport\n\n## Etape 5\n\nJ'ai tagué l'image.\n");
    expect(result.status).toBe("skipped");
    expect(result.findings.map((f) => f.messageId)).toEqual([
      "noClaims",
      "noLayerClaim",
      "sectionAbsent",
      "noTagClaim",
    ]);
  });

  it("judges only the selected kinds of claim", async () => {
    const result = await judge(COMPLETE, "complete", { checks: ["size"] });
    expect(result.details?.claims).toEqual({ size: 1 });
  });
});
