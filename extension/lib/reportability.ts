import { checkTarget } from "../../shared/net/guard.ts";
import type { Finding } from "./finding.ts";
import type { NotReportable } from "./messaging.ts";

/** Whether a host is on the user's ignore list (a listed host covers its subdomains). */
export function isIgnoredHost(host: string, ignored: readonly string[]): boolean {
  const h = host.toLowerCase();
  return ignored.some((s) => h === s || h.endsWith(`.${s}`));
}

/**
 * Why a finding may not be reported, before any request is made: not severe enough
 * (`info`, `low`), a host that is not public, or a site the user ignores. null when it may be.
 */
export function blockedReason(
  finding: Finding,
  opts: { allowLoopback: boolean; ignoredSites: readonly string[] },
): NotReportable | null {
  if (!finding.reportable) return "severity";
  const target = checkTarget(finding.url, { allowLoopback: opts.allowLoopback });
  if (!target.ok) return "private_host";
  if (isIgnoredHost(target.url.hostname, opts.ignoredSites)) return "ignored_site";
  return null;
}
