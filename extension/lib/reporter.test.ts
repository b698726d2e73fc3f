import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { reportListing } from "./reporter.ts";
import { DEFAULT_OPTIONS, reports } from "./storage.ts";
import { htmlResponse, LISTING_URL, listingFinding, listingHtml, NOW, tableFetch } from "./test-support.ts";

const API = "http://api.example.com";
const opts = { ...DEFAULT_OPTIONS, apiBase: API };

beforeEach(() => fakeBrowser.reset());

describe("reportListing", () => {
  it("stops before the API when a stranger sees no listing there", async () => {
    const { fetcher, asked } = tableFetch({ [LISTING_URL]: () => htmlResponse("<title>Log in</title>") });
    const outcome = await reportListing(listingFinding(5), { fetch: fetcher, now: () => new Date(NOW), options: opts });
    expect(outcome).toMatchObject({ ok: false, code: "needs_cookies" });
    expect(asked.map((a) => a.url)).toEqual([LISTING_URL]);
    expect(await reports.getValue()).toEqual([]);
  });

  it("stops when a stranger sees another folder's listing", async () => {
    const other = "http://files.example.com/medicall/2013/04/10/";
    const { fetcher } = tableFetch({ [LISTING_URL]: () => htmlResponse(listingHtml(5, other)) });
    const finding = { ...listingFinding(5), format: "apache-htmltable" };
    const outcome = await reportListing(finding, { fetch: fetcher, now: () => new Date(NOW), options: opts });
    expect(outcome).toMatchObject({ ok: false, code: "not_public" });
  });

  it("keeps nothing when the API cannot be reached, and asks it without credentials", async () => {
    const { fetcher, asked } = tableFetch({ [LISTING_URL]: () => htmlResponse(listingHtml(5)) });
    const outcome = await reportListing(listingFinding(5), { fetch: fetcher, now: () => new Date(NOW), options: opts });
    expect(outcome).toMatchObject({ ok: false, code: "api_unreachable" });
    expect(asked.map((a) => a.url)).toEqual([LISTING_URL, `${API}/api/v1/challenge`]);
    expect(asked.every((a) => a.init.credentials === "omit" && a.init.referrerPolicy === "no-referrer")).toBe(true);
    expect(await reports.getValue()).toEqual([]);
  });

  it("refuses what may not be reported without any request", async () => {
    const { fetcher, asked } = tableFetch({});
    const finding = listingFinding(5, "http://192.168.0.10/medicall/2013/04/09/");
    const outcome = await reportListing(finding, { fetch: fetcher, now: () => new Date(NOW), options: opts });
    expect(outcome).toMatchObject({ ok: false, code: "private_host" });
    expect(asked).toEqual([]);
  });
});
