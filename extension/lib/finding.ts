import { classifyListing } from "../../shared/classify/classify-listing.ts";
import type { ListingSummary } from "../../shared/classify/listing-classifier.ts";
import type { Severity } from "../../shared/classify/severity.ts";
import type { Signal } from "../../shared/classify/signals.ts";
import type { Detection } from "../../shared/listing/types.ts";
import { normaliseListingUrl } from "../../shared/net/normalise.ts";
import { sampleNames } from "../../shared/report/anonymise.ts";

/** How a listing was found: on the page at load, after a JS-drawn page settled, or by the parent-folder probe. */
export type FindingSource = "page" | "settled" | "probe";

/**
 * What the extension keeps about a listing: counts, categories, dates, the judgement and
 * redacted sample names. Never a raw file name.
 */
export interface Finding {
  /** The normalised listing URL (no userinfo, query or fragment). */
  url: string;
  format: string;
  server: string | null;
  summary: ListingSummary;
  severity: Severity;
  reasons: string[];
  signals: Signal[];
  reportable: boolean;
  personalFiles: number;
  /** At most ten names as `redact` leaves them. */
  samples: string[];
  /** ISO time the listing was seen. */
  seenAt: string;
  source: FindingSource;
}

/** Judges a detected listing with the shared classifier and keeps only what may be stored. */
export function findingOf(detection: Detection, url: string, seenAt: string, source: FindingSource): Finding {
  const judged = classifyListing(detection, url);
  return {
    url: normaliseListingUrl(new URL(url)),
    format: detection.format,
    server: detection.server ?? null,
    summary: judged.summary,
    severity: judged.severity,
    reasons: judged.reasons,
    signals: judged.signals,
    reportable: judged.reportable,
    personalFiles: judged.personalFiles,
    samples: sampleNames(detection),
    seenAt,
    source,
  };
}
