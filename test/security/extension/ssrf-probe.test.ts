// SSRF in the extension: every vector of the table through the parent-folder probe
// (foldersToProbe → probeFolders) and through a report's cookie-less re-fetch (reportListing,
// with WXT's fakeBrowser). The fetch records every request and behaves as a browser's does
// with redirects: it follows them unless asked not to. Pages on `r<n>.ssrf.test` redirect to
// vector n; every other host answers with a listing, so a request that got through would
// "succeed". A request to a vector's address, or to where a redirect points, is a trap hit.
//
// Names only DNS can judge (`dns` vectors) are out of the extension's reach: a browser
// extension has no DNS API in Chromium, and the probe and the re-fetch only ask the host that
// the browser itself has just loaded the page from. They are run and counted apart.
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { foldersToProbe, probeFolders } from "../../../extension/lib/probe.ts";
import { reportListing } from "../../../extension/lib/reporter.ts";
import { DEFAULT_OPTIONS } from "../../../extension/lib/storage.ts";
import { htmlResponse, listingFinding, listingHtml, NOW } from "../../../extension/lib/test-support.ts";
import { figure } from "../figure.ts";
import { entryUrl, REDIRECT_ZONE, SSRF_VECTORS, type SsrfVector } from "../ssrf-vectors.ts";

const PART = "ssrf";
const API = "http://api.example.com";

/** A browser-like fetch over a small web: records what it asks, counts what reaches a vector. */
function browserFetch() {
  const asked: string[] = [];
  const trapped: string[] = [];
  const fetcher = async (input: string, init: RequestInit): Promise<Response> => {
    let url = input;
    for (let hop = 0; hop < 20; hop++) {
      asked.push(url);
      const u = new URL(url);
      const m = new RegExp(`^r(\\d+)\\.${REDIRECT_ZONE.replace(".", "\\.")}$`).exec(u.hostname);
      const vector = m?.[1] === undefined ? undefined : SSRF_VECTORS[Number(m[1])];
      if (vector) {
        const res = new Response(null, { status: 302, headers: { location: vector.target } });
        if (init.redirect === "manual") return res;
        if (init.redirect === "error") throw new TypeError("redirect refused");
        url = new URL(vector.target, url).href;
        continue;
      }
      if (u.origin === API) throw new TypeError("the API is not part of this test");
      trapped.push(url);
      const page = htmlResponse(listingHtml(5, url));
      Object.defineProperty(page, "url", { value: url });
      return page;
    }
    throw new TypeError("too many redirects");
  };
  return { fetcher, asked, trapped };
}

const judged = SSRF_VECTORS.filter((v) => v.kind !== "dns");
const dnsOnly = SSRF_VECTORS.filter((v) => v.kind === "dns");

function fileUrl(v: SsrfVector): string {
  return `${entryUrl(v)}medicall/2013/04/09/20130409-081200_inbound.wav`;
}

beforeEach(() => fakeBrowser.reset());

describe("the extension fetches no vector", () => {
  it("the parent-folder probe asks no vector and follows no redirect to one", async () => {
    const web = browserFetch();
    let probedFolders = 0;
    for (const v of judged) {
      const folders = foldersToProbe(fileUrl(v), NOW.slice(0, 10), {}, false);
      probedFolders += folders.length;
      await probeFolders(folders, NOW, web.fetcher);
    }
    expect(web.trapped).toEqual([]);
    // The redirecting pages themselves were asked (they are public-looking names): the test
    // reached the redirects, and none was followed.
    expect(probedFolders).toBeGreaterThan(0);
    expect(web.asked.length).toBe(probedFolders);
    figure(PART, "extension probe: vectors tried", judged.length);
    figure(PART, "extension probe: folders asked (on redirecting pages only)", probedFolders);
    figure(PART, "extension probe: requests that reached the trap", web.trapped.length);
  });

  it("a report's cookie-less re-fetch asks no vector and follows no redirect to one", async () => {
    const web = browserFetch();
    let refused = 0;
    for (const v of judged) {
      const finding = listingFinding(5, entryUrl(v));
      const outcome = await reportListing(finding, {
        fetch: web.fetcher,
        now: () => new Date(NOW),
        options: { ...DEFAULT_OPTIONS, apiBase: API },
      });
      expect(outcome.ok, v.label).toBe(false);
      refused++;
    }
    expect(web.trapped).toEqual([]);
    figure(PART, "extension re-fetch: vectors tried", judged.length);
    figure(PART, "extension re-fetch: vectors refused", refused);
    figure(PART, "extension re-fetch: requests that reached the trap", web.trapped.length);
  });

  it("the recording fetch would catch a followed redirect (the control)", async () => {
    const web = browserFetch();
    const v = judged.find((x) => x.kind === "redirect") as SsrfVector;
    await web.fetcher(entryUrl(v), {});
    expect(web.trapped).toEqual([new URL(v.target).href]);
  });

  it("names only DNS can judge are asked of their own host only (counted apart)", async () => {
    const web = browserFetch();
    for (const v of dnsOnly)
      await probeFolders(foldersToProbe(fileUrl(v), NOW.slice(0, 10), {}, false), NOW, web.fetcher);
    const hosts = new Set(web.asked.map((u) => new URL(u).hostname));
    expect([...hosts].every((h) => dnsOnly.some((v) => new URL(v.target).hostname === h))).toBe(true);
    figure(PART, "extension: names only DNS can judge, out of the extension's reach", dnsOnly.length);
  });
});
