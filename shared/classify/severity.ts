/** How bad an exposure is. `info` and `low` are never reported. */
export type Severity = "critical" | "high" | "medium" | "low" | "info";

/** Every severity, most severe first. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** A number that grows with severity (`info` is 0, `critical` 4). @example severityRank("high") // 3 */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** Sort comparator, most severe first. @example ["low", "critical"].sort(compareSeverity) // ["critical", "low"] */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

/** The more severe of two. @example maxSeverity("low", "high") // "high" */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Whether a listing of this severity may be reported. @example isReportable("medium") // true */
export function isReportable(severity: Severity): boolean {
  return RANK[severity] >= RANK.medium;
}
