import { describe, expect, it } from "vitest";
import { compareSeverity, isReportable, maxSeverity, SEVERITIES, type Severity, severityRank } from "./severity.ts";

describe("severity", () => {
  it("orders critical > high > medium > low > info", () => {
    const ranks = SEVERITIES.map(severityRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const shuffled: Severity[] = ["low", "info", "critical", "medium", "high"];
    expect(shuffled.sort(compareSeverity)).toEqual(SEVERITIES);
  });

  it("takes the more severe of two", () => {
    expect(maxSeverity("low", "high")).toBe("high");
    expect(maxSeverity("critical", "info")).toBe("critical");
    expect(maxSeverity("info", "info")).toBe("info");
  });

  it("never reports info or low", () => {
    expect(SEVERITIES.filter(isReportable)).toEqual(["critical", "high", "medium"]);
  });
});
