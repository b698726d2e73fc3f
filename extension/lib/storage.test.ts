import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { DEFAULT_OPTIONS, HISTORY_LIMIT, history, options, readOptions, reports, tabFindings } from "./storage.ts";
import { recordFinding } from "./tab-state.ts";
import { listingFinding } from "./test-support.ts";

beforeEach(() => fakeBrowser.reset());

describe("storage", () => {
  it("starts with everything off: no auto-report, no probe, the build's API", async () => {
    expect(await readOptions()).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toEqual({ apiBase: null, autoReport: false, parentProbe: false, ignoredSites: [] });
  });

  it("fills options an older version did not store", async () => {
    await fakeBrowser.storage.local.set({ options: { apiBase: "https://cert.example.org" } });
    expect(await readOptions()).toEqual({ ...DEFAULT_OPTIONS, apiBase: "https://cert.example.org" });
  });

  it("keeps findings per tab in session storage, history and reports in local storage", async () => {
    await recordFinding(11, listingFinding(3));
    expect(Object.keys((await fakeBrowser.storage.session.get("tabFindings")).tabFindings as object)).toEqual(["11"]);
    expect(((await fakeBrowser.storage.local.get("history")).history as unknown[]).length).toBe(1);
    expect(await tabFindings.getValue()).toHaveProperty("11");
    expect(await reports.getValue()).toEqual([]);
    await options.setValue(DEFAULT_OPTIONS);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it("caps the history", async () => {
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await recordFinding(1, listingFinding(2));
    expect(await history.getValue()).toHaveLength(HISTORY_LIMIT);
  });

  it("stores no raw file name", async () => {
    await recordFinding(2, listingFinding(20));
    const all = JSON.stringify({
      ...(await fakeBrowser.storage.local.get(null)),
      ...(await fakeBrowser.storage.session.get(null)),
    });
    expect(all).not.toMatch(/\+4670\d/);
    expect(all).not.toMatch(/2013\d{4}-\d{6}/);
  });
});
