import { type CheckStatus, creditStatus, type Finding } from "../../../src/grader/contract.js";

/** A part of a check scored on its own (lifecycle's stop, volume's masking...). */
export interface ScoredPart<Id extends string = string> {
  id: string;
  passed: boolean;
  findings: Finding<Id>[];
}

/**
 * Credit = the weighted share of the parts that passed; parts of weight 0 are reported but not scored.
 * All weights 0 (or no parts) is the rubric's mistake, caught by the caller before anything runs.
 */
export function scoreParts<Id extends string>(
  parts: readonly ScoredPart<Id>[],
  weights: Readonly<Record<string, number>>,
): { status: CheckStatus; credit: number; findings: Finding<Id>[]; details: Record<string, unknown> } {
  let earned = 0;
  let total = 0;
  for (const part of parts) {
    const weight = weights[part.id] ?? 0;
    total += weight;
    if (part.passed) earned += weight;
  }
  const credit = total > 0 ? earned / total : 0;
  const status: CheckStatus = creditStatus(credit);
  return {
    status,
    credit,
    findings: parts.flatMap((part) => part.findings),
    details: { parts: Object.fromEntries(parts.map((part) => [part.id, part.passed])) },
  };
}
