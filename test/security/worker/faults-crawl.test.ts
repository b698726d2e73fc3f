// The consumer failing mid-crawl, against real nginx through the fault proxy: the listing
// server drops the connection halfway through pages (the root while it is verified, then
// subfolders), and the Worker's fetch throws for pages after the first few (no answer at all).
// Each failed message is retried by the queue; the case must end verified once with the whole
// tree counted, nothing sent to the dead letters, one notice.
import { afterEach, describe, expect, it } from "vitest";
import { figure } from "../figure.ts";
import { control, expectClean, faultWorld, journey } from "./faults-support.ts";

const CLEAN = ["received", "crawl_started", "verified", "contacts_found", "owner_notified"];
const realFetch = globalThis.fetch;

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("the consumer failing mid-crawl", () => {
  it("a listing server dropping the connection halfway through pages: retried, verified once, nothing lost", async () => {
    const before = (await control("cut", { host: "none.faults.example.test", n: 0 })).cuts;
    // The root cut while it is verified (twice); the second world's root is read whole, then
    // its next three pages are cut.
    const root = faultWorld();
    const pages = faultWorld();
    await control("cut", { host: root.host, n: 2 });
    await control("cut", { host: pages.host, n: 3, skip: 1 });
    const outcomes = await Promise.all([journey(root), journey(pages)]);
    const cuts = (await control("cut", { host: "none.faults.example.test", n: 0 })).cuts - before;
    let survived = 0;
    for (const o of outcomes) {
      await expectClean(o, CLEAN);
      survived++;
    }
    figure("faults", "connections dropped halfway through a listing page", cuts, "pages");
    figure("faults", "messages those drops failed, then retried", outcomes[0].failed + outcomes[1].failed, "");
    figure("faults", "cases verified once with the whole tree after the drops", survived, "cases");
    expect(cuts).toBe(5);
    expect(outcomes[0].failed).toBeGreaterThanOrEqual(2);
    expect(outcomes[1].failed).toBeGreaterThanOrEqual(3);
  });

  it("a fetch that throws after the first pages: the pages are retried, none is given up", async () => {
    const w = faultWorld();
    let listingFetches = 0;
    let thrown = 0;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      const url = new URL(input instanceof Request ? input.url : String(input));
      const page = headers.get("x-original-host") === w.host && url.pathname.endsWith("/") && init?.method === "GET";
      // After three pages, every other listing request fails without an answer.
      if (page && ++listingFetches > 3 && listingFetches % 2 === 0) {
        thrown++;
        throw new TypeError("Network connection lost.");
      }
      return realFetch(input, init);
    }) as typeof fetch;
    const o = await journey(w);
    globalThis.fetch = realFetch;
    await expectClean(o, CLEAN);
    figure("faults", "listing fetches that threw mid-crawl", thrown, "fetches");
    figure("faults", "messages those failed fetches retried", o.failed, "");
    expect(thrown).toBeGreaterThanOrEqual(3);
    expect(o.failed).toBeGreaterThanOrEqual(thrown);
  });
});
