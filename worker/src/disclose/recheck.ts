import { recheckCase } from "../verify/recheck.ts";
import { type ApplyOptions, applyEvent } from "./apply.ts";
import type { DiscloseEnv } from "./config.ts";

export type Rechecker = (env: DiscloseEnv, caseId: string, now: number) => Promise<{ present: boolean }>;

/** Re-checks a case's listing (verify/recheck.ts) and feeds the answer to the workflow. */
export async function recheckForDisclosure(
  env: DiscloseEnv,
  caseId: string,
  now: number,
  opts: ApplyOptions & { recheck?: Rechecker } = {},
) {
  const row = await env.DB.prepare("SELECT purged_at FROM cases WHERE id = ?1")
    .bind(caseId)
    .first<{ purged_at: number | null }>();
  if (!row || row.purged_at !== null) return null; // nothing left to check
  const r = await (opts.recheck ?? recheckCase)(env, caseId, now);
  return applyEvent(env, caseId, { type: "recheck", present: r.present }, now, opts);
}
