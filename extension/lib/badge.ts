import type { Category } from "../../shared/classify/categories.ts";
import type { Severity } from "../../shared/classify/severity.ts";
import type { Finding } from "./finding.ts";

/** Categories that are sensitive whatever their names say. */
const SENSITIVE: readonly Category[] = ["credential", "database", "mailbox", "disk-image", "source-control"];

export const SEVERITY_COLOURS: Record<Exclude<Severity, "info">, string> = {
  critical: "#b00020",
  high: "#d84315",
  medium: "#8d6e00",
  low: "#546e7a",
};

/** Files that are about a person, or sensitive by kind. */
export function sensitiveFiles(finding: Finding): number {
  let byKind = 0;
  for (const c of SENSITIVE) byKind += finding.summary.categories[c] ?? 0;
  return Math.max(finding.personalFiles, byKind);
}

/** `1234` → `1.2k`, `25000` → `25k`: a badge has room for four characters. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${Math.floor(n / 100) / 10}k`;
  if (n < 1_000_000) return `${Math.floor(n / 1000)}k`;
  return `${Math.floor(n / 1_000_000)}M`;
}

/** The badge for a tab: the number of sensitive files, coloured by severity; none for info. */
export function badgeFor(finding: Finding | null): { text: string; colour: string } | null {
  if (finding === null || finding.severity === "info") return null;
  const n = sensitiveFiles(finding);
  return { text: n === 0 ? "!" : compactCount(n), colour: SEVERITY_COLOURS[finding.severity] };
}
