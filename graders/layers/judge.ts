import { type Layer, type LayerTable, layerLabel, topLayers } from "../../src/analysis/image-layers.js";
import { formatBytes } from "../../src/format/bytes.js";
import { creditStatus, type Finding, type GraderResult } from "../../src/grader/contract.js";
import { matchesPattern } from "../../src/text/pattern.js";
import { patternInWords } from "../../src/text/pattern-words.js";
import type { LayersMessageId } from "./messages.js";

export interface LayersParams {
  top: number;
  heaviest: string[];
  lightPatterns: string[];
  lightMaxMb: number;
  base?: string;
}

/** The word a rubric writes to mean "a layer of the base image" (their instructions are the base's own). */
export const BASE_WORD = "base";

/** A layer pattern in words: the base image's layers come from its FROM line; any other, its text. */
export function layerInWords(pattern: string): string {
  return pattern.trim().toLowerCase() === BASE_WORD ? '"FROM"' : patternInWords(pattern);
}

/** A rubric pattern as a test on layers: `base` for the base image's layers, else a regular expression. */
export function layerMatcher(pattern: string): (layer: Layer) => boolean {
  if (pattern.trim().toLowerCase() === BASE_WORD) return (layer) => layer.base;
  return (layer) => matchesPattern(pattern, layer.instruction) || matchesPattern(pattern, layer.createdBy);
}

/**
 * Names the heaviest layers and checks the rubric's expectations: each `heaviest` pattern matches one of
 * the `top` heaviest layers, each `lightPatterns` pattern matches layers that all stay under
 * `lightMaxMb`. Credit is the share of expectations met; with none, the check only informs and passes.
 */
export function judgeLayers(
  table: LayerTable & { baseRef?: string },
  params: LayersParams,
  dockerfile = "Dockerfile",
): GraderResult<LayersMessageId> {
  const label = (layer: Layer) => layerLabel(layer, table.baseRef);
  const top = topLayers(table.layers, params.top);
  const list =
    top.map((layer, i) => `${i + 1}. ${label(layer)} (${formatBytes(layer.size)})`).join("; ") || "-";
  const findings: Finding<LayersMessageId>[] = [
    { messageId: "heaviest", severity: "info", code: "LY001", data: { top: top.length, list } },
  ];
  const at = (layer: Layer | undefined) => (layer?.line ? { file: dockerfile, line: layer.line } : {});
  let met = 0;
  for (const pattern of params.heaviest) {
    const matches = layerMatcher(pattern);
    const rank = top.findIndex(matches);
    if (rank >= 0) {
      met++;
      const layer = top[rank] as Layer;
      const data = {
        expected: layerInWords(pattern),
        top: params.top,
        rank: rank + 1,
        instruction: label(layer),
        size: formatBytes(layer.size),
      };
      findings.push({ messageId: "heavyOk", severity: "ok", code: "LY002", data, ...at(layer) });
      continue;
    }
    const candidate = [...table.layers].sort((a, b) => b.size - a.size).find(matches);
    const data = { expected: layerInWords(pattern), top: params.top, list };
    findings.push(
      candidate
        ? {
            messageId: "heavyLight",
            severity: "problem",
            code: "LY002",
            data: { ...data, instruction: label(candidate), size: formatBytes(candidate.size) },
            ...at(candidate),
          }
        : { messageId: "heavyMissing", severity: "problem", code: "LY002", data },
    );
  }
  const maxBytes = params.lightMaxMb * 1_000_000;
  for (const pattern of params.lightPatterns) {
    const matching = table.layers.filter(layerMatcher(pattern));
    const heavy = matching.filter((layer) => layer.size >= maxBytes).sort((a, b) => b.size - a.size)[0];
    const max = formatBytes(maxBytes);
    if (matching.length === 0) {
      findings.push({
        messageId: "lightMissing",
        severity: "problem",
        code: "LY003",
        data: { expected: layerInWords(pattern) },
      });
    } else if (heavy) {
      const data = {
        expected: layerInWords(pattern),
        max,
        instruction: label(heavy),
        size: formatBytes(heavy.size),
      };
      findings.push({ messageId: "lightHeavy", severity: "problem", code: "LY003", data, ...at(heavy) });
    } else {
      met++;
      const heaviest = [...matching].sort((a, b) => b.size - a.size)[0] as Layer;
      const data = {
        expected: layerInWords(pattern),
        max,
        instruction: label(heaviest),
        size: formatBytes(heaviest.size),
      };
      findings.push({ messageId: "lightOk", severity: "ok", code: "LY003", data, ...at(heaviest) });
    }
  }
  const expected = params.heaviest.length + params.lightPatterns.length;
  const credit = expected === 0 ? 1 : met / expected;
  const layers = table.layers.map((l) => ({ ...l, label: label(l) }));
  return {
    status: creditStatus(credit),
    credit,
    findings,
    details: {
      layers,
      top: top.map((l) => l.position),
      baseFound: table.baseFound,
      baseBytes: table.baseBytes,
    },
  };
}
