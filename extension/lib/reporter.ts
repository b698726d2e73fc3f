import { buildReport } from "../../shared/report/anonymise.ts";
import { reportSchema } from "../../shared/report/schema.ts";
import { ApiError, fetchChallenge, fetchStatus, postReport } from "./api.ts";
import { ALLOW_LOOPBACK, CLIENT, DEFAULT_API } from "./build-flags.ts";
import type { Finding } from "./finding.ts";
import type { ReportOutcome } from "./messaging.ts";
import { solvePow } from "./pow.ts";
import { checkPublicListing, type Fetcher, sameListing } from "./public-check.ts";
import { blockedReason } from "./reportability.ts";
import { type Options, reports, type StoredReport } from "./storage.ts";

export interface ReportDeps {
  fetch: Fetcher;
  now: () => Date;
  options: Options;
}

export function apiBaseOf(options: Options): string {
  return options.apiBase ?? DEFAULT_API;
}

/** The report already made for a listing URL, if any. */
export async function reportFor(url: string): Promise<StoredReport | null> {
  return (await reports.getValue()).find((r) => r.listingUrl === url) ?? null;
}

/**
 * Reports a listing: refuses what may not be reported, re-fetches it without cookies and stops
 * unless a stranger sees the same public listing, builds the report from that fetch (redacted
 * samples only), solves the proof of work and POSTs it. The case id and status token are kept
 * in local storage only.
 */
export async function reportListing(finding: Finding, deps: ReportDeps): Promise<ReportOutcome> {
  const blocked = blockedReason(finding, { allowLoopback: ALLOW_LOOPBACK, ignoredSites: deps.options.ignoredSites });
  if (blocked !== null) return { ok: false, code: blocked, detail: blocked };
  const existing = await reportFor(finding.url);
  if (existing) return { ok: true, report: existing };
  const now = deps.now().toISOString();
  const check = await checkPublicListing(finding.url, now, deps.fetch);
  if (!check.ok) return { ok: false, code: check.code, detail: check.detail };
  if (!sameListing(finding, check.finding)) {
    return { ok: false, code: "not_public", detail: "without your cookies the server shows a different page" };
  }
  const api = apiBaseOf(deps.options);
  try {
    const challenge = await fetchChallenge(deps.fetch, api);
    const solution = await solvePow(challenge);
    const report = reportSchema.parse(
      buildReport({
        detection: check.detection,
        verdict: check.judgement,
        url: finding.url,
        now,
        client: { ...CLIENT },
        pow: { challenge, solution },
      }),
    );
    const accepted = await postReport(deps.fetch, api, report);
    const stored: StoredReport = {
      caseId: accepted.caseId,
      statusToken: accepted.statusToken,
      listingUrl: report.listingUrl,
      format: report.format,
      severity: finding.severity,
      reportedAt: now,
      status: accepted.status,
      checkedAt: now,
    };
    await reports.setValue([stored, ...(await reports.getValue())]);
    return { ok: true, report: stored };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, code: err.code, detail: err.message };
    return { ok: false, code: "api_unreachable", detail: `the API at ${api} could not be reached (${String(err)})` };
  }
}

/** Asks the API for the latest milestone of each report; a report that cannot be asked keeps its last status. */
export async function refreshStatuses(deps: ReportDeps): Promise<StoredReport[]> {
  const api = apiBaseOf(deps.options);
  const list = await reports.getValue();
  const now = deps.now().toISOString();
  const fresh = await Promise.all(
    list.map(async (r) => {
      try {
        const s = await fetchStatus(deps.fetch, api, r.caseId, r.statusToken);
        return { ...r, status: s.status, checkedAt: now };
      } catch {
        return r;
      }
    }),
  );
  // Reports made while the statuses were asked are kept.
  const byId = new Map(fresh.map((r) => [r.caseId, r]));
  const merged = (await reports.getValue()).map((r) => byId.get(r.caseId) ?? r);
  await reports.setValue(merged);
  return merged;
}
