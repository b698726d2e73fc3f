import { describe, expect, it } from "vitest";
import { badgeFor, compactCount, SEVERITY_COLOURS, sensitiveFiles } from "./badge.ts";
import { listingFinding, mirrorFinding } from "./test-support.ts";

describe("the badge", () => {
  it("counts the sensitive files, coloured by severity", () => {
    const f = listingFinding(12);
    expect(f.severity).toBe("critical");
    expect(sensitiveFiles(f)).toBe(12);
    expect(badgeFor(f)).toEqual({ text: "12", colour: SEVERITY_COLOURS.critical });
  });

  it("shows nothing for info listings and for no listing", () => {
    expect(mirrorFinding().severity).toBe("info");
    expect(badgeFor(mirrorFinding())).toBeNull();
    expect(badgeFor(null)).toBeNull();
  });

  it("fits large counts into four characters", () => {
    expect(compactCount(999)).toBe("999");
    expect(compactCount(1234)).toBe("1.2k");
    expect(compactCount(25_000)).toBe("25k");
    expect(compactCount(2_700_000)).toBe("2M");
    for (const n of [0, 7, 999, 1000, 9999, 10_000, 999_999, 1_000_000, 99_000_000]) {
      expect(compactCount(n).length).toBeLessThanOrEqual(4);
    }
  });
});
