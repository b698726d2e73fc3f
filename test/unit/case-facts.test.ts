// What notices and XARF say about a case, from the evidence rows verification writes: a crawl's
// totals (with its estimate), a page's verdict, and re-checks.
import { describe, expect, it } from "vitest";
import { type EvidenceRow, factsOf } from "../../worker/src/disclose/notice/facts.ts";

const kase = {
  id: "c1",
  listing_root: "https://clinic.example.se/medicall/",
  host: "clinic.example.se",
  severity: "high",
  format: "nginx",
};

const row = (over: Partial<EvidenceRow>): EvidenceRow => ({
  checked_at: 1000,
  server: "nginx/1.22.1",
  format: "nginx",
  outcome: "verified",
  summary_json: "{}",
  estimate_json: null,
  samples_json: "[]",
  sha256: null,
  ...over,
});

/** The shape finish-crawl.ts writes: totals at the top, the estimate as intervals. */
const crawl = row({
  checked_at: 2000,
  summary_json: JSON.stringify({
    kind: "crawl",
    files: 1200,
    directories: 40,
    bytes: null,
    categories: { audio: 1150, document: 50 },
    oldest: "2013-04-08",
    newest: "2019-12-31",
    severity: "high",
    signals: ["phone-number"],
    reasons: [],
    personalFiles: 1100,
  }),
  estimate_json: JSON.stringify({ files: { value: 2_700_000, low: 2_500_000, high: 2_900_000 }, method: "sampled" }),
  samples_json: JSON.stringify(["a", "b", "c", "d", "e", "f"]),
  sha256: "ab".repeat(32),
});

/** The shape a page check writes (verify-case, recheck): the verdict's counts under `summary`. */
const page = (at: number, kind: string | undefined, outcome = "verified") =>
  row({
    checked_at: at,
    outcome,
    summary_json: JSON.stringify({
      ...(kind && { kind }),
      summary: { files: 7, directories: 2, categories: { audio: 7 }, oldest: "2013-04-09", newest: "2013-04-09" },
      severity: "high",
      personalFiles: 7,
    }),
  });

describe("factsOf", () => {
  it("takes the crawl's totals and estimate over a page's, and scales personal files to the estimate", () => {
    const f = factsOf(kase, [page(1000, undefined), crawl, page(3000, "recheck")]);
    expect(f).toMatchObject({
      files: 1200,
      estimateFiles: 2_700_000,
      directories: 40,
      categories: { audio: 1150, document: 50 },
      oldest: "2013-04-08",
      newest: "2019-12-31",
      firstVerifiedAt: 1000,
      lastCheckedAt: 3000,
      present: true,
    });
    expect(f.samples).toEqual(["a", "b", "c", "d", "e"]); // at most five
    // 1100 of 1200 counted files are personal: ~2.5 million in the tree, so critical.
    expect(f.critical).toBe(true);
  });

  it("reads a page's verdict when there was no crawl; a small high case is not critical", () => {
    const f = factsOf(kase, [page(1000, undefined)]);
    expect(f).toMatchObject({ files: 7, estimateFiles: null, categories: { audio: 7 }, critical: false });
  });

  it("says the listing is gone when the last check did not find it", () => {
    const f = factsOf(kase, [crawl, page(5000, "recheck", "not_reproducible")]);
    expect(f.present).toBe(false);
    expect(f.files).toBe(1200);
  });
});
