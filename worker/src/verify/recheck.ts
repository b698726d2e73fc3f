import { getCase } from "../db/cases.ts";
import { eventStatement, evidenceStatement } from "../db/evidence.ts";
import type { Bindings } from "../env.ts";
import { checkRoot, pageSummary } from "./root-check.ts";
import { fetchDeps } from "./settings.ts";

export interface Recheck {
  /** The listing is still there for any stranger (a listing, and not a soft 404). */
  present: boolean;
  outcome: "verified" | "not_reproducible" | "not_reportable";
  evidenceId: string;
}

const VERIFIED_BEFORE = new Set(["received", "verifying", "not_reproducible", "not_reportable"]);

/**
 * Re-checks a case's listing root now, as a stranger (one page and its soft-404 control), for
 * the disclosure workflow. Records evidence and an append-only `rechecked` event with
 * `{present, outcome}`; never changes the case's status (what a re-check means is the
 * workflow's to decide). A root that still lists but whose own page is not reportable (a
 * folder of date folders) counts as `verified` when the case was verified by its crawl.
 */
export async function recheckCase(env: Bindings, caseId: string, now: number): Promise<Recheck> {
  const kase = await getCase(env.DB, caseId);
  if (!kase) throw new Error(`no case ${caseId}`);
  const deps = fetchDeps(env);
  const root = await checkRoot(kase.listing_root, deps, crypto.randomUUID());
  let outcome: Recheck["outcome"] = "not_reproducible";
  if (root.present) {
    const reportable = root.page.verdict?.reportable === true;
    const crawled = root.page.subfolders.length > 0 && !VERIFIED_BEFORE.has(kase.status);
    outcome = reportable || crawled ? "verified" : "not_reportable";
  }
  const page = root.page;
  const evidenceId = crypto.randomUUID();
  await env.DB.batch([
    evidenceStatement(env.DB, {
      id: evidenceId,
      caseId,
      checkedAt: now,
      url: kase.listing_root,
      httpStatus: page?.status ?? (root.present ? null : (root.status ?? null)),
      server: page?.server ?? null,
      format: page?.format ?? null,
      outcome,
      summary: {
        kind: "recheck",
        ...(page && pageSummary(page)),
        ...(!root.present && { reason: root.reason }),
      },
      estimate: null,
      samples: page?.samples ?? [],
      sha256: page?.sha256 ?? null,
    }),
    eventStatement(env.DB, caseId, now, "rechecked", { present: root.present, outcome }),
  ]);
  return { present: root.present, outcome, evidenceId };
}
