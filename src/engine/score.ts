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

/** A grader's status and credit must agree; a partial without credit, or a pass with 0, is made coherent. */
export function coherentStatus(status: CheckStatus, credit: number | undefined): CheckStatus {
  if (status !== "partial" || credit === undefined) return status;
  return creditStatus(credit);
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
