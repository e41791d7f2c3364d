import type { Check } from "../rubric/types.js";

/**
 * Orders checks so each runs after the checks it needs, keeping the rubric's own order otherwise
 * (Kahn's algorithm, always taking the earliest ready check). The rubric loader has refused cycles.
 */
export function orderChecks(checks: readonly Check[]): Check[] {
  const byId = new Map(checks.map((check) => [check.id, check]));
  const waiting = new Map(
    checks.map((check) => [check.id, new Set(check.needs.filter((need) => byId.has(need)))]),
  );
  const ordered: Check[] = [];
  while (ordered.length < checks.length) {
    const next = checks.find((check) => waiting.get(check.id)?.size === 0 && !ordered.includes(check));
    if (!next) throw new Error(`dependency cycle among: ${[...waiting.keys()].join(", ")}`);
    ordered.push(next);
    waiting.delete(next.id);
    for (const pending of waiting.values()) pending.delete(next.id);
  }
  return ordered;
}
