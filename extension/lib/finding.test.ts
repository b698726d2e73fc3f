import { describe, expect, it } from "vitest";
import { classifyListing } from "../../shared/classify/classify-listing.ts";
import { detectListing } from "../../shared/listing/detect.ts";
import { sampleNames } from "../../shared/report/anonymise.ts";
import { listingFixtures } from "../../test/support/fixtures.ts";
import { detectFinding, findingOf } from "./finding.ts";

const NOW = "2026-11-25T11:47:00.000Z";

describe("detectFinding", () => {
  it("agrees with the detector and classifier that hold every entry, on every fixture", () => {
    for (const f of listingFixtures()) {
      const input = {
        url: f.url,
        ...(f.contentType ? { contentType: f.contentType } : {}),
        ...(f.headers ? { headers: f.headers } : {}),
      };
      const detection = detectListing(f.body, input);
      const streamed = detectFinding(f.body, input, NOW, "page");
      expect(streamed === null, f.id).toBe(detection === null);
      if (!detection || !streamed) continue;
      const held = findingOf(detection, classifyListing(detection, f.url), f.url, NOW, "page");
      expect(streamed, f.id).toEqual(held);
      expect(streamed.samples, f.id).toEqual(sampleNames(detection));
    }
  });
});
