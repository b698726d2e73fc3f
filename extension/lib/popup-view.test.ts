import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TabView } from "./messaging.ts";
import { renderPopup, type Translate } from "./popup-view.ts";
import type { StoredReport } from "./storage.ts";
import { listingFinding, mirrorFinding } from "./test-support.ts";

/** The browser's i18n.getMessage, for one locale's messages.json. */
function translator(lang: "en" | "sv"): Translate {
  const file = join(import.meta.dirname, `../public/_locales/${lang}/messages.json`);
  const messages = JSON.parse(readFileSync(file, "utf8")) as Record<string, { message: string }>;
  return (key, ...subs) => {
    const m = messages[key]?.message;
    if (m === undefined) return key;
    return m.replace(/\$P(\d)\$/g, (_, i: string) => subs[Number(i) - 1] ?? "");
  };
}

const en = translator("en");
const report: StoredReport = {
  caseId: "c0ffee00-0000-4000-8000-000000000001",
  statusToken: "secret",
  listingUrl: "http://files.example.com/medicall/2013/04/09/",
  format: "nginx",
  severity: "critical",
  reportedAt: "2026-11-25T11:00:00.000Z",
  status: "verified",
  checkedAt: "2026-11-25T11:05:00.000Z",
};

function render(view: TabView, past: StoredReport[] = [], t = en, state = {}) {
  return renderPopup(document, view, past, t, state);
}

describe("the popup", () => {
  it("shows the format, counts, categories, dates, severity, reasons and redacted samples", () => {
    const root = render({ finding: listingFinding(12), blocked: null, report: null });
    expect(root.querySelector("#format")?.textContent).toBe("Directory listing (nginx)");
    expect(root.querySelector("#counts")?.textContent).toBe("12 files, 0 folders");
    expect(root.querySelector('[data-category="audio"]')?.getAttribute("data-count")).toBe("12");
    expect(root.querySelector("#severity")?.textContent).toBe("Severity: critical");
    expect(root.querySelector("#dates")?.textContent).toMatch(/^Dated \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
    expect(root.querySelector("#reasons li")?.textContent).toMatch(/call recordings/);
    expect(root.querySelector(".sample")?.textContent).toMatch(/^#+-#+_\+#+_(in|out)bound\.wav$/);
    expect((root.querySelector("#report") as HTMLButtonElement).disabled).toBe(false);
  });

  it("disables Report and says why", () => {
    const root = render({ finding: mirrorFinding(), blocked: "severity", report: null });
    expect((root.querySelector("#report") as HTMLButtonElement).disabled).toBe(true);
    expect(root.querySelector("#blocked")?.textContent).toMatch(/not reported/i);
    for (const why of ["private_host", "needs_cookies", "not_public", "ignored_site"] as const) {
      const r = render({ finding: listingFinding(3), blocked: why, report: null });
      expect(r.querySelector("#blocked")?.textContent, why).not.toBe(`why_${why}`);
    }
  });

  it("shows the case id and status after reporting, and past reports", () => {
    const root = render({ finding: listingFinding(3), blocked: null, report }, [report]);
    expect(root.querySelector("#report")).toBeNull();
    expect(root.querySelector("#case-id")?.textContent).toBe(`Reported: case ${report.caseId}`);
    expect(root.querySelector("#case-status")?.textContent).toContain("verified");
    expect(root.querySelector(`#reports [data-case="${report.caseId}"]`)?.textContent).toContain(report.listingUrl);
  });

  it("names every status a case can have in words, in both languages", () => {
    // The case statuses the Worker sets: intake and verification (received, verifying, verified,
    // not_reproducible, not_reportable) and disclosure (notified, acknowledged, disputed,
    // fix_claimed, closed).
    const statuses = ["received", "verifying", "verified", "not_reproducible", "not_reportable"];
    statuses.push("notified", "acknowledged", "disputed", "fix_claimed", "closed");
    for (const t of [en, translator("sv")]) {
      for (const status of statuses) {
        const root = render({ finding: listingFinding(3), blocked: null, report: { ...report, status } }, [], t);
        const shown = root.querySelector("#case-status")?.textContent ?? "";
        expect(shown, status).not.toContain("status_");
        expect(shown.length, status).toBeGreaterThan(3);
      }
    }
  });

  it("says so when the page is no listing", () => {
    const root = render({ finding: null, blocked: null, report: null });
    expect(root.querySelector("#nothing")?.textContent).toBe("This page is not a directory listing.");
    expect(root.querySelector("#no-reports")).not.toBeNull();
  });

  it("never parses what came from a listing as markup", () => {
    const f = { ...listingFinding(3), format: '<img src=x onerror="alert(1)">', samples: ["<b>x</b>.wav"] };
    const root = render({ finding: f, blocked: null, report: null });
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("b")).toBeNull();
    expect(root.querySelector(".sample")?.textContent).toBe("<b>x</b>.wav");
  });

  it("speaks Swedish, with every message of the English file", () => {
    const sv = translator("sv");
    const root = render({ finding: listingFinding(12), blocked: "needs_cookies", report: null }, [], sv);
    expect(root.querySelector("#counts")?.textContent).toBe("12 filer, 0 mappar");
    expect(root.querySelector("#severity")?.textContent).toBe("Allvarlighet: kritisk");
    expect(root.querySelector("#report")?.textContent).toBe("Rapportera exponeringen");
    expect(root.querySelector("#reasons li")?.textContent).toBe("Namn som liknar samtalsinspelningar");
    const keys = (lang: string) =>
      Object.keys(
        JSON.parse(readFileSync(join(import.meta.dirname, `../public/_locales/${lang}/messages.json`), "utf8")),
      );
    expect(keys("sv").sort()).toEqual(keys("en").sort());
  });
});
