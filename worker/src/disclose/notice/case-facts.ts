import type { DiscloseEnv } from "../config.ts";
import { type CaseFacts, type CaseRowLike, type EvidenceRow, factsOf } from "./facts.ts";

/** The facts of a case as stored now (null: no such case). */
export async function caseFacts(env: DiscloseEnv, caseId: string): Promise<CaseFacts | null> {
  const kase = await env.DB.prepare("SELECT id, listing_root, host, severity, format FROM cases WHERE id = ?1")
    .bind(caseId)
    .first<CaseRowLike>();
  if (!kase) return null;
  const rows = await env.DB.prepare(
    "SELECT checked_at, server, format, outcome, summary_json, estimate_json, samples_json, sha256 FROM evidence WHERE case_id = ?1",
  )
    .bind(caseId)
    .all<EvidenceRow>();
  return factsOf(kase, rows.results);
}
