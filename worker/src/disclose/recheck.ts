import { recheckCase } from "../verify/recheck.ts";
import { type ApplyOptions, applyEvent } from "./apply.ts";
import type { DiscloseEnv } from "./config.ts";
import { getDisclosure } from "./store.ts";
import type { DisclosureState } from "./workflow.ts";

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
  // A closed case is re-checked at most once an hour, however often it is reported again.
  const d = await getDisclosure(env.DB, caseId);
  const state = d ? (JSON.parse(d.state_json) as DisclosureState) : null;
  if (state?.phase === "closed" && state.lastCheckAt !== null && now - state.lastCheckAt < 3_600_000) return null;
  const r = await (opts.recheck ?? recheckCase)(env, caseId, now);
  return applyEvent(env, caseId, { type: "recheck", present: r.present }, now, opts);
}
