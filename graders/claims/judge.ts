import type { Root } from "mdast";
import { type LayerTable, layerLabel, topLayers } from "../../src/analysis/image-layers.js";
import { parseImageReference } from "../../src/analysis/image-reference.js";
import { formatBytes } from "../../src/format/bytes.js";
import {
  type Finding as AnyFinding,
  type GraderResult as AnyGraderResult,
  creditStatus,
} from "../../src/grader/contract.js";
import { findSection } from "../../src/markdown/sections.js";
import { compilePattern } from "../../src/text/pattern.js";
import { patternInWords } from "../../src/text/pattern-words.js";
import type { DockerCommand } from "../kit/tags/commands.js";
import { judgeTags } from "../kit/tags/judge.js";
import { textUnits } from "./blocks.js";
import { checkLayerClaim, type LayerClaim, type LayerKind, layerClaims } from "./layer-claims.js";
import type { ClaimsMessageId } from "./messages.js";
import { closestSizeClaim } from "./size-claims.js";

type Finding = AnyFinding<ClaimsMessageId>;
type GraderResult = AnyGraderResult<ClaimsMessageId>;

export const CLAIM_CHECKS = ["layers", "size", "tags"] as const;
export type ClaimCheckId = (typeof CLAIM_CHECKS)[number];

export interface ClaimsParams {
  layersSection: string;
  sizeSection: string;
  top: number;
  heavyMinMb: number;
  lightMaxMb: number;
  tolerancePercent: number;
  toleranceMb: number;
  sizeMinMb: number;
  checks: ClaimCheckId[];
  name: string;
  tags: string[];
}

export interface ClaimsInput {
  /** The parsed report and its repository-relative path. */
  root: Root;
  file: string;
  table: LayerTable & { baseRef?: string };
  sizeBytes: number;
  /** The docker commands of the report's code blocks. */
  commands: readonly DockerCommand[];
}

const KIND_NAMES: Record<LayerKind, string> = {
  base: "FROM",
  pip: "RUN pip install",
  apt: "RUN apt-get",
  copy: "COPY",
};
const MB = 1_000_000;

/** One kind of claim: `made` false when the report does not make it (then it weighs nothing). */
interface Part {
  made: boolean;
  credit: number;
  findings: Finding[];
}

/**
 * Compares what the report states with the built image: layers it calls heavy or tiny, the image size it
 * gives, the tags its commands produce. Credit is the mean over the kinds of claim the report makes;
 * a report that makes none is `skipped`.
 */
export function judgeClaims(input: ClaimsInput, params: ClaimsParams): GraderResult {
  const parts: Record<ClaimCheckId, () => Part> = {
    layers: () => layersPart(input, params),
    size: () => sizePart(input, params),
    tags: () => tagsPart(input, params),
  };
  const findings: Finding[] = [];
  const credits: number[] = [];
  const outcome: Partial<Record<ClaimCheckId, number | "not made">> = {};
  for (const id of CLAIM_CHECKS) {
    if (!params.checks.includes(id)) continue;
    const part = parts[id]();
    findings.push(...part.findings);
    outcome[id] = part.made ? part.credit : "not made";
    if (part.made) credits.push(part.credit);
  }
  if (credits.length === 0)
    return {
      status: "skipped",
      findings: [{ messageId: "noClaims", severity: "info" }, ...findings],
      details: { claims: outcome },
    };
  const credit = credits.reduce((a, b) => a + b, 0) / credits.length;
  return {
    status: creditStatus(credit),
    credit,
    findings,
    details: { claims: outcome },
  };
}

function section(input: ClaimsInput, pattern: string) {
  const found = findSection(input.root, compilePattern(pattern));
  const absent: Part = {
    made: false,
    credit: 0,
    findings: [{ messageId: "sectionAbsent", severity: "info", data: { expected: patternInWords(pattern) } }],
  };
  return found ? { units: textUnits(found.children), title: found.title } : { absent };
}

function layersPart(input: ClaimsInput, params: ClaimsParams): Part {
  const read = section(input, params.layersSection);
  if ("absent" in read) return read.absent as Part;
  const seen = new Set<string>();
  const claims = layerClaims(read.units).filter(
    (c) => !seen.has(`${c.kind}/${c.weight}`) && seen.add(`${c.kind}/${c.weight}`),
  );
  if (claims.length === 0)
    return {
      made: false,
      credit: 0,
      findings: [
        { messageId: "noLayerClaim", severity: "info", code: "CL001", data: { section: read.title } },
      ],
    };
  const { layers, baseRef } = input.table;
  const label = (l: Parameters<typeof layerLabel>[0]) => layerLabel(l, baseRef);
  const list =
    topLayers(layers, params.top)
      .map((l) => `${label(l)} (${formatBytes(l.size)})`)
      .join(", ") || "-";
  const options = {
    top: params.top,
    heavyMinBytes: params.heavyMinMb * MB,
    lightMaxBytes: params.lightMaxMb * MB,
  };
  const findings = claims.map((claim): Finding => {
    const check = checkLayerClaim(claim, layers, options);
    const data = {
      kind: KIND_NAMES[claim.kind],
      quote: short(claim.quote),
      list,
      top: params.top,
      max: formatBytes(options.lightMaxBytes),
      ...(check.layer ? { instruction: label(check.layer), size: formatBytes(check.layer.size) } : {}),
      ...(check.rank ? { rank: check.rank } : {}),
    };
    const at = claim.line ? { file: input.file, line: claim.line } : {};
    const messageId = !check.layer ? "layerAbsent" : messageFor(claim, check.verified);
    return { messageId, severity: check.verified ? "ok" : "problem", code: "CL001", data, ...at };
  });
  const verified = findings.filter((f) => f.severity === "ok").length;
  return { made: true, credit: verified / claims.length, findings };
}

function messageFor(claim: LayerClaim, verified: boolean): ClaimsMessageId {
  return `${claim.weight}${verified ? "True" : "False"}` as const;
}

function sizePart(input: ClaimsInput, params: ClaimsParams): Part {
  const read = section(input, params.sizeSection);
  if ("absent" in read) return read.absent as Part;
  const min = params.sizeMinMb * MB;
  const figure = closestSizeClaim(read.units, input.sizeBytes, min);
  if (!figure)
    return {
      made: false,
      credit: 0,
      findings: [
        {
          messageId: "noSizeClaim",
          severity: "info",
          code: "CL002",
          data: { section: read.title, min: formatBytes(min) },
        },
      ],
    };
  const allowed = Math.max((input.sizeBytes * params.tolerancePercent) / 100, params.toleranceMb * MB);
  const gap = Math.abs(figure.bytes - input.sizeBytes);
  const verified = gap <= allowed;
  const data = {
    claimed: figure.text,
    measured: `${formatBytes(input.sizeBytes)} (${input.sizeBytes} B)`,
    gap: formatBytes(gap),
    tolerance: formatBytes(allowed),
  };
  const at = figure.line ? { file: input.file, line: figure.line } : {};
  const finding: Finding = {
    messageId: verified ? "sizeTrue" : "sizeFalse",
    severity: verified ? "ok" : "problem",
    code: "CL002",
    data,
    ...at,
  };
  return { made: true, credit: verified ? 1 : 0, findings: [finding] };
}

function tagsPart(input: ClaimsInput, params: ClaimsParams): Part {
  const mentions = input.commands.some((c) =>
    c.refs.some((r) => parseImageReference(r)?.path === params.name),
  );
  if (!mentions)
    return {
      made: false,
      credit: 0,
      findings: [{ messageId: "noTagClaim", severity: "info", code: "CL003", data: { name: params.name } }],
    };
  const verdict = judgeTags(input.commands, { name: params.name, tags: params.tags, semver: false });
  const verified = verdict.result.credit === 1;
  const refs = (tags: readonly string[]) => tags.map((t) => `${params.name}:${t}`).join(", ");
  const data = {
    produced: refs(verdict.apply) || "-",
    required: refs(params.tags),
    missing: refs(params.tags.filter((t) => !verdict.apply.includes(t))),
    name: params.name,
    version: params.tags.find((t) => t !== "latest") ?? params.tags[0] ?? "latest",
  };
  const finding: Finding = {
    messageId: verified ? "tagsTrue" : "tagsFalse",
    severity: verified ? "ok" : "problem",
    code: "CL003",
    data,
  };
  return { made: true, credit: verified ? 1 : 0, findings: [finding] };
}

function short(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
