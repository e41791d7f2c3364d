/** One answer of a calibration set: what a teacher gave it and what the scorer gave it, both 0..1. */
export interface Scored {
  teacher: number;
  score: number;
  /** Groups the answer belongs to, for the table: `question`, `lang`, `kind`… */
  groups: Record<string, string>;
}

export interface Agreement {
  /** Answers in the group. */
  count: number;
  /** Share of them scored within the tolerance of the teacher, 0..1. */
  within: number;
  /** Mean of score − teacher: negative when the scorer is harsher than the teacher. */
  meanGap: number;
  /** Largest |score − teacher|. */
  worstGap: number;
}

/**
 * How closely the scorer agrees with a teacher on a set of answers. Gaps are rounded to 1e-9 first, so
 * that 0.8 − 0.7 counts as within a tolerance of 0.10.
 */
export function agreement(answers: readonly Scored[], tolerance: number): Agreement {
  if (answers.length === 0) return { count: 0, within: 1, meanGap: 0, worstGap: 0 };
  const gaps = answers.map((a) => Math.round((a.score - a.teacher) * 1e9) / 1e9);
  return {
    count: answers.length,
    within: gaps.filter((g) => Math.abs(g) <= tolerance).length / answers.length,
    meanGap: gaps.reduce((sum, g) => sum + g, 0) / answers.length,
    worstGap: Math.max(...gaps.map(Math.abs)),
  };
}

/** Agreement per value of one group (`lang` → fr, en), values sorted. */
export function agreementBy(
  answers: readonly Scored[],
  group: string,
  tolerance: number,
): Array<[string, Agreement]> {
  const values = [...new Set(answers.map((a) => a.groups[group] ?? "-"))].sort();
  return values.map((v) => [
    v,
    agreement(
      answers.filter((a) => (a.groups[group] ?? "-") === v),
      tolerance,
    ),
  ]);
}

/** A plain-text table of the agreement per value of each group, for the test log. */
export function agreementTable(
  answers: readonly Scored[],
  groups: readonly string[],
  tolerance: number,
): string {
  const pct = (x: number) => `${Math.round(x * 100)} %`.padStart(6);
  const num = (x: number) => (x >= 0 ? "+" : "") + x.toFixed(2);
  const rows = [["all", agreement(answers, tolerance)] as [string, Agreement]];
  for (const g of groups)
    for (const [v, a] of agreementBy(answers, g, tolerance)) rows.push([`${g}=${v}`, a]);
  const width = Math.max(...rows.map(([name]) => name.length));
  const head = `${"group".padEnd(width)}  answers  within ±${tolerance.toFixed(2)}  mean gap  worst gap`;
  return [
    head,
    ...rows.map(
      ([name, a]) =>
        `${name.padEnd(width)}  ${String(a.count).padStart(7)}  ${pct(a.within).padStart(13)}  ${num(a.meanGap).padStart(8)}  ${a.worstGap.toFixed(2).padStart(9)}`,
    ),
  ].join("\n");
}
