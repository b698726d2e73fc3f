import { ListingClassifier } from "../../../shared/classify/listing-classifier.ts";
import { detectListing } from "../../../shared/listing/detect.ts";
import { sampleNames } from "../../../shared/report/anonymise.ts";
import { getCase } from "../db/cases.ts";
import type { Bindings } from "../env.ts";
import { fetchListing } from "./fetch-listing.ts";

export type Outcome = "verified" | "not_reproducible" | "not_reportable";

/**
 * Checks a received case's listing once, as a stranger: the listing page itself (crawling,
 * soft-404 controls and reachability checks come with the verification work). Records the
 * evidence (counts, redacted samples and the SHA-256 of the bytes, no names) and the outcome
 * as an event. A case that is not waiting for verification is left alone, so a repeated
 * message has no second effect.
 */
export async function verifyCase(env: Bindings, caseId: string, now: number): Promise<Outcome | null> {
  const kase = await getCase(env.DB, caseId);
  if (kase?.status !== "received") return null;
  const allowLoopback = env.ENVIRONMENT === "development" && env.ALLOW_LOOPBACK_TARGETS === "true";
  const fetched = await fetchListing(kase.listing_root, { allowLoopback });
  let outcome: Outcome = "not_reproducible";
  let evidence: Record<string, unknown> = {};
  let format: string | null = null;
  let server: string | null = null;
  let samples: string[] = [];
  if (fetched.ok) {
    server = fetched.headers.get("server");
    const detection = detectListing(fetched.text, {
      url: fetched.url,
      contentType: fetched.headers.get("content-type") ?? "",
      headers: Object.fromEntries(fetched.headers),
    });
    if (detection) {
      format = detection.format;
      const classifier = new ListingClassifier(fetched.url);
      for (const e of detection.entries) classifier.add(e);
      const verdict = classifier.finish(detection.truncated === true || fetched.truncated);
      outcome = verdict.reportable ? "verified" : "not_reportable";
      evidence = {
        summary: verdict.summary,
        severity: verdict.severity,
        signals: verdict.signals,
        reasons: verdict.reasons,
      };
      samples = sampleNames(detection);
    } else {
      evidence = { reason: "not a directory listing" };
    }
  } else {
    evidence = { reason: fetched.reason };
  }
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO evidence (id, case_id, checked_at, url, http_status, server, format, outcome, summary_json, samples_json, sha256)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
    ).bind(
      crypto.randomUUID(),
      caseId,
      now,
      kase.listing_root,
      fetched.ok ? fetched.status : (fetched.status ?? null),
      server,
      format,
      outcome,
      JSON.stringify(evidence),
      JSON.stringify(samples),
      fetched.ok ? fetched.sha256 : null,
    ),
    env.DB.prepare("INSERT INTO events (case_id, at, type, actor, data_json) VALUES (?1, ?2, ?3, 'system', '{}')").bind(
      caseId,
      now,
      outcome,
    ),
    env.DB.prepare("UPDATE cases SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'received'").bind(
      caseId,
      outcome,
      now,
    ),
  ]);
  return outcome;
}
