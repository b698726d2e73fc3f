import { ListingClassifier, type ListingSummary, type Verdict } from "../../shared/classify/listing-classifier.ts";
import { redact } from "../../shared/classify/redact.ts";
import type { Severity } from "../../shared/classify/severity.ts";
import type { Signal } from "../../shared/classify/signals.ts";
import { ListingStream } from "../../shared/listing/stream.ts";
import type { DetectInput, Detection, ListingEntry } from "../../shared/listing/types.ts";
import { normaliseListingUrl } from "../../shared/net/normalise.ts";
import { MAX_SAMPLES } from "../../shared/report/schema.ts";

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

/** Redacted samples are taken from the first files only: a listing of one name shape would otherwise be redacted name by name to its end. */
const SAMPLE_SCAN = 1000;

/** Collects up to ten distinct redacted file names from the first files of a listing. */
export class SampleCollector {
  private readonly seen = new Set<string>();
  private scanned = 0;

  add(entry: ListingEntry): void {
    if (entry.isDir || this.seen.size === MAX_SAMPLES || this.scanned === SAMPLE_SCAN) return;
    this.scanned++;
    this.seen.add(redact(entry.name));
  }

  get samples(): string[] {
    return [...this.seen];
  }
}

function finding(
  detection: Pick<Detection, "format" | "server">,
  verdict: Verdict,
  samples: string[],
  url: string,
  seenAt: string,
  source: FindingSource,
): Finding {
  return {
    url: normaliseListingUrl(new URL(url)),
    format: detection.format,
    server: detection.server ?? null,
    summary: verdict.summary,
    severity: verdict.severity,
    reasons: verdict.reasons,
    signals: verdict.signals,
    reportable: verdict.reportable,
    personalFiles: verdict.personalFiles,
    samples,
    seenAt,
    source,
  };
}

/** The finding for a listing already detected and judged. */
export function findingOf(
  detection: Detection,
  verdict: Verdict,
  url: string,
  seenAt: string,
  source: FindingSource,
): Finding {
  const samples = new SampleCollector();
  for (const e of detection.entries) samples.add(e);
  return finding(detection, verdict, samples.samples, url, seenAt, source);
}

/**
 * Detects and judges a page's text in one streaming pass, holding no entries: counts, the
 * verdict and the first redacted names are all that is kept. null when the page is no listing.
 */
export function detectFinding(text: string, input: DetectInput, seenAt: string, source: FindingSource): Finding | null {
  const classifier = new ListingClassifier(input.url);
  const samples = new SampleCollector();
  const stream = new ListingStream(input, {
    keepEntries: false,
    onEntry: (e) => {
      classifier.add(e);
      samples.add(e);
    },
  });
  stream.push(text);
  const detection = stream.end();
  if (detection === null) return null;
  return finding(
    detection,
    classifier.finish(detection.truncated === true),
    samples.samples,
    input.url,
    seenAt,
    source,
  );
}
