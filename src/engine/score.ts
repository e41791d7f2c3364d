import { type CheckStatus, creditStatus } from "../grader/contract.js";

/** Scores are kept to two decimals so partial credit adds up without floating-point noise. */
export function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Points earned for a check: only judged checks earn; `error` and `skipped` earn nothing. */
export function checkScore(status: CheckStatus, credit: number | undefined, points: number): number {
  if (status === "pass") return roundScore(points * (credit ?? 1));
  if (status === "partial") return roundScore(points * clamp(credit ?? 0));
  return 0;
}

/**
 * A grader's status and credit must agree, so the status shown matches the points earned: a pass or a
 * partial with a credit takes the status that credit stands for (a pass with credit 0 is a fail), and a
 * partial without credit, which earns nothing, is a fail. fail, skipped and error are left as they are.
 */
export function coherentStatus(status: CheckStatus, credit: number | undefined): CheckStatus {
  if (status === "partial") return credit === undefined ? "fail" : creditStatus(credit);
  if (status === "pass" && credit !== undefined) return creditStatus(credit);
  return status;
}

export function sumScores(items: ReadonlyArray<{ score: number; maxScore: number }>): {
  score: number;
  maxScore: number;
} {
  return {
    score: roundScore(items.reduce((total, item) => total + item.score, 0)),
    maxScore: roundScore(items.reduce((total, item) => total + item.maxScore, 0)),
  };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
