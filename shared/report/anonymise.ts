import type { Verdict } from "../classify/listing-classifier.ts";
import { redact } from "../classify/redact.ts";
import type { Detection } from "../listing/types.ts";
import { normaliseListingUrl } from "../net/normalise.ts";
import { MAX_SAMPLES, REPORT_SCHEMA_VERSION, type Report } from "./schema.ts";

export interface ReportInput {
  detection: Detection;
  verdict: Verdict;
  /** The listing's URL as the browser saw it (userinfo, query and fragment are dropped). */
  url: string;
  /** Now, as an ISO UTC time (`new Date().toISOString()`); the report keeps the hour only. */
  now: string;
  client: Report["client"];
  pow: Report["pow"];
}

/** Up to ten distinct redacted file names, in listing order. */
export function sampleNames(detection: Detection): string[] {
  const out = new Set<string>();
  for (const e of detection.entries) {
    if (e.isDir) continue;
    out.add(redact(e.name));
    if (out.size === MAX_SAMPLES) break;
  }
  return [...out];
}

/**
 * What leaves the browser, and nothing else: the normalised listing URL, the format, counts,
 * date range, severity, signals and at most ten redacted names; the time rounded down to the
 * hour. No reporter identity exists in the result to leak.
 * @example buildReport({detection, verdict, url, now: "2026-11-25T11:47:12.345Z", client, pow}).observedAt // "2026-11-25T11:00:00Z"
 */
export function buildReport(input: ReportInput): Report {
  const { verdict } = input;
  return {
    schema: REPORT_SCHEMA_VERSION,
    listingUrl: normaliseListingUrl(new URL(input.url)),
    format: input.detection.format,
    observedAt: `${input.now.slice(0, 13)}:00:00Z`,
    summary: {
      files: verdict.summary.files,
      directories: verdict.summary.directories,
      bytes: verdict.summary.bytes,
      categories: { ...verdict.summary.categories },
      oldest: verdict.summary.oldest,
      newest: verdict.summary.newest,
    },
    severity: verdict.severity,
    signals: [...verdict.signals],
    samples: sampleNames(input.detection),
    client: input.client,
    pow: input.pow,
  };
}
