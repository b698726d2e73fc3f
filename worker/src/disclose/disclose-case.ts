// The start of disclosure for a newly verified case: discover its contacts, store them with
// the workflow's first state, and apply the `contacts` event (which notifies). A case whose
// disclosure is past its first state is left alone, so a repeated `disclose` message has no
// second effect; one still in its first state (a start that failed after its write) starts
// again: contacts and the state are kept as they are, and the `contacts` event is applied.
import { getCase } from "../db/cases.ts";
import { recordCaseLocation } from "../db/locations.ts";
import { type ApplyOptions, applyEvent } from "./apply.ts";
import type { DiscloseEnv } from "./config.ts";
import { discoverContacts } from "./discover/discover.ts";
import type { Get } from "./net.ts";
import { caseFacts } from "./notice/case-facts.ts";
import { returningFrom } from "./retention.ts";
import { contactStatements, getDisclosure } from "./store.ts";
import { initialState } from "./workflow.ts";

export interface DiscloseOptions extends ApplyOptions {
  get?: Get;
}

export async function discloseCase(env: DiscloseEnv, caseId: string, now: number, opts: DiscloseOptions = {}) {
  const kase = await getCase(env.DB, caseId);
  if (kase?.status !== "verified") return null;
  const started = await getDisclosure(env.DB, caseId);
  if (started && started.phase !== "verified") return null;
  const facts = await caseFacts(env, caseId);
  const found = await discoverContacts(env, kase.listing_root, now, opts.get);
  const count = (role: string) => found.contacts.filter((c) => c.role === role).length;
  const state = initialState(facts?.critical ?? kase.severity === "critical");
  const stamp = crypto.randomUUID();
  const db = env.DB;
  await db.batch([
    ...contactStatements(db, caseId, found.contacts, found.language, now),
    db
      .prepare(
        `INSERT OR IGNORE INTO disclosures (case_id, phase, state_json, stamp, next_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, NULL, ?5)`,
      )
      .bind(caseId, state.phase, JSON.stringify(state), stamp, now),
    db
      .prepare(
        `INSERT INTO events (case_id, at, type, actor, data_json)
         SELECT ?1, ?2, 'contacts_found', 'system', ?3
         WHERE EXISTS (SELECT 1 FROM disclosures WHERE case_id = ?1 AND stamp = ?4)`,
      )
      .bind(
        caseId,
        now,
        JSON.stringify({
          owner: count("owner"),
          hoster: count("hoster"),
          cert: count("cert"),
          country: found.location.country,
          countrySource: found.location.source,
        }),
        stamp,
      ),
  ]);
  // Where the server is, for the CSIRTs' constituencies (before the first notice is queued,
  // so that a team's "approve notices first" applies to it).
  if (found.location.country !== null || found.location.ip !== null) {
    await recordCaseLocation(
      db,
      caseId,
      { country: found.location.country, ip: found.location.ip, asn: null, source: found.location.source },
      now,
    );
  }
  // The same listing closed less than 90 days ago (its URL already purged): this is its return.
  const returnOf = await returningFrom(db, kase.listing_root, now);
  return applyEvent(
    env,
    caseId,
    {
      type: "contacts",
      owner: count("owner") > 0,
      hoster: count("hoster") > 0,
      cert: count("cert") > 0,
      ...(returnOf ? { returnOf } : {}),
    },
    now,
    opts,
  );
}
