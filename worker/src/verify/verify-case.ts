import { getCase } from "../db/cases.ts";
import { eventStatement, evidenceStatement } from "../db/evidence.ts";
import type { Bindings } from "../env.ts";
import { digestHasher } from "./digest.ts";
import { checkRoot, pageSummary } from "./root-check.ts";
import { allowLoopback } from "./settings.ts";

export type Outcome = "verified" | "not_reproducible" | "not_reportable";

/**
 * Checks a received case's listing once, as a stranger: the listing page itself, streamed,
 * with its soft-404 control. Records the evidence (counts, redacted samples and the SHA-256 of
 * the bytes, no names) and the outcome as an event. A case that is not waiting for
 * verification is left alone, so a repeated message has no second effect.
 */
export async function verifyCase(env: Bindings, caseId: string, now: number): Promise<Outcome | null> {
  const kase = await getCase(env.DB, caseId);
  if (kase?.status !== "received") return null;
  const root = await checkRoot(
    kase.listing_root,
    { allowLoopback: allowLoopback(env), hasher: digestHasher },
    crypto.randomUUID(),
  );
  const page = root.page;
  const outcome: Outcome = !root.present
    ? "not_reproducible"
    : root.page.verdict?.reportable
      ? "verified"
      : "not_reportable";
  await env.DB.batch([
    evidenceStatement(env.DB, {
      id: crypto.randomUUID(),
      caseId,
      checkedAt: now,
      url: kase.listing_root,
      httpStatus: page?.status ?? (root.present ? null : (root.status ?? null)),
      server: page?.server ?? null,
      format: page?.format ?? null,
      outcome,
      summary: { ...(page && pageSummary(page)), ...(!root.present && { reason: root.reason }) },
      estimate: null,
      samples: page?.samples ?? [],
      sha256: page?.sha256 ?? null,
    }),
    eventStatement(env.DB, caseId, now, outcome),
    env.DB.prepare("UPDATE cases SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'received'").bind(
      caseId,
      outcome,
      now,
    ),
  ]);
  return outcome;
}
