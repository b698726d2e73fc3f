import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { probeParents, startBackground } from "./background.ts";
import type { Finding } from "./finding.ts";
import { type BackgroundDeps, forgetAccess } from "./handlers.ts";
import type { TabView } from "./messaging.ts";
import { gatedTabs, history, options, probedFolders, tabFindings } from "./storage.ts";
import {
  htmlResponse,
  LISTING_URL,
  listingFinding,
  listingHtml,
  mirrorFinding,
  NOW,
  tableFetch,
} from "./test-support.ts";

const ORIGIN = fakeBrowser.runtime.getURL("/").replace(/\/$/, "");
const popup = { id: fakeBrowser.runtime.id, origin: ORIGIN };
const content = (tabId: number, frameId = 0) => ({
  id: fakeBrowser.runtime.id,
  tab: { id: tabId },
  frameId,
  origin: "http://files.example.com",
});

async function send(message: unknown, sender: object): Promise<unknown> {
  const results = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  return results[0];
}

function deps(
  found: Finding | null,
  fetcher = tableFetch({}).fetcher,
): BackgroundDeps & { detectIn: ReturnType<typeof vi.fn>; injectGate: ReturnType<typeof vi.fn> } {
  return {
    fetch: fetcher,
    now: () => new Date(NOW),
    detectIn: vi.fn(async () => found),
    injectGate: vi.fn(async () => undefined),
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  forgetAccess();
});

describe("the background", () => {
  it("runs the detector when the gate passes, keeps the finding, sets the badge and the history", async () => {
    const d = deps(listingFinding(12));
    startBackground(d);
    await send({ type: "gate", phase: "idle" }, content(7));
    expect(d.detectIn).toHaveBeenCalledWith(7, 0, "page");
    expect((await tabFindings.getValue())["7"]?.summary.files).toBe(12);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe("12");
    expect((await history.getValue()).map((h) => h.url)).toEqual([LISTING_URL]);
  });

  it("keeps a tab's finding across a service-worker restart", async () => {
    startBackground(deps(listingFinding(5)));
    await send({ type: "gate", phase: "idle" }, content(3));
    // A restart: the listeners and every in-memory value are gone; storage stays.
    fakeBrowser.runtime.onMessage.removeAllListeners();
    forgetAccess();
    const { fetcher } = tableFetch({ [LISTING_URL]: () => htmlResponse(listingHtml(5)) });
    startBackground(deps(null, fetcher));
    const view = (await send({ type: "tabView", tabId: 3 }, popup)) as TabView;
    expect(view.finding?.summary.files).toBe(5);
    expect(view.blocked).toBeNull();
  });

  it("ignores the gate from other extensions, from frames, and from ignored sites", async () => {
    const d = deps(listingFinding(4));
    startBackground(d);
    await send({ type: "gate", phase: "idle" }, { ...content(2), id: "someone-else" });
    await send({ type: "gate", phase: "idle" }, content(2, 5));
    expect(d.detectIn).not.toHaveBeenCalled();
    await options.setValue({ apiBase: null, autoReport: false, parentProbe: false, ignoredSites: ["example.com"] });
    await send({ type: "gate", phase: "settled" }, content(2));
    expect(d.detectIn).toHaveBeenCalledWith(2, 0, "settled");
    expect(await tabFindings.getValue()).toEqual({});
  });

  it("answers the popup's questions only from extension pages", async () => {
    startBackground(deps(listingFinding(4)));
    await send({ type: "gate", phase: "idle" }, content(2));
    expect(await send({ type: "tabView", tabId: 2 }, content(2))).toBeUndefined();
    expect(await send({ type: "report", tabId: 2 }, content(2))).toBeUndefined();
    expect(await send({ type: "tabView", tabId: "2" }, popup)).toBeUndefined();
  });

  it("forgets a tab's finding and badge when it navigates", async () => {
    startBackground(deps(listingFinding(4)));
    await send({ type: "gate", phase: "idle" }, content(6));
    await fakeBrowser.tabs.onUpdated.trigger(6, { status: "loading" }, { id: 6 } as never);
    await vi.waitFor(async () => expect(await tabFindings.getValue()).toEqual({}));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 6 })).toBe("");
  });
});

describe("the gate's first stage, from the tab's URL and title", () => {
  type Change = { status?: string; title?: string; url?: string };
  async function update(tabId: number, change: Change, url: string, title: string, status = "complete") {
    await fakeBrowser.tabs.onUpdated.trigger(tabId, change as never, { id: tabId, url, title, status } as never);
  }
  /** Lets the serialised storage work behind the listener finish. */
  const settle = async (d: ReturnType<typeof deps>, calls: number) =>
    vi.waitFor(() => expect(d.injectGate).toHaveBeenCalledTimes(calls));

  it("sends the gate to a loaded listing once per load, and again after a new load", async () => {
    const d = deps(null);
    startBackground(d);
    await update(4, { status: "complete" }, LISTING_URL, "Index of /medicall/2013/04/09/");
    await settle(d, 1);
    expect(d.injectGate).toHaveBeenCalledWith(4);
    // The same load: its title set again, "complete" again.
    await update(4, { title: "Index of /medicall/2013/04/09/" }, LISTING_URL, "Index of /medicall/2013/04/09/");
    await update(4, { status: "complete" }, LISTING_URL, "Index of /medicall/2013/04/09/");
    await new Promise((r) => setTimeout(r, 50));
    expect(d.injectGate).toHaveBeenCalledTimes(1);
    // A reload: a new document.
    await update(4, { status: "loading" }, LISTING_URL, "", "loading");
    await update(4, { status: "complete" }, LISTING_URL, "Index of /medicall/2013/04/09/");
    await settle(d, 2);
  });

  it("sends nothing to ordinary pages, nor before a page has loaded", async () => {
    const d = deps(null);
    startBackground(d);
    await update(5, { status: "complete" }, "https://news.example.com/2026/11/25/library", "New library | Gazette");
    await update(5, { status: "complete" }, "https://news.example.com/", "Example Gazette");
    await update(5, { title: "Index of /x/" }, "http://files.example.com/x/", "Index of /x/", "loading");
    await new Promise((r) => setTimeout(r, 50));
    expect(d.injectGate).not.toHaveBeenCalled();
    expect(await gatedTabs.getValue()).toEqual({});
  });

  it("sends the gate when a script names the listing after the load (h5ai)", async () => {
    const d = deps(null);
    startBackground(d);
    const url = "http://files.example.com/calls/";
    await update(6, { status: "complete" }, url, "Loading…");
    await new Promise((r) => setTimeout(r, 50));
    expect(d.injectGate).not.toHaveBeenCalled();
    await update(6, { title: "Index of /calls/ - powered by h5ai" }, url, "Index of /calls/ - powered by h5ai");
    await settle(d, 1);
  });

  it("sends the gate to a document with no title of its own, and never to ignored sites", async () => {
    const d = deps(null);
    startBackground(d);
    await update(7, { status: "complete" }, "http://files.example.com/list.xml", "files.example.com/list.xml");
    await settle(d, 1);
    await options.setValue({ apiBase: null, autoReport: false, parentProbe: false, ignoredSites: ["example.com"] });
    await update(8, { status: "complete" }, LISTING_URL, "Index of /medicall/2013/04/09/");
    await new Promise((r) => setTimeout(r, 50));
    expect(d.injectGate).toHaveBeenCalledTimes(1);
  });

  it("forgets a closed tab's record, and survives a page that may not be scripted", async () => {
    const d = deps(null);
    d.injectGate.mockRejectedValueOnce(new Error("Cannot access contents of the page"));
    startBackground(d);
    await update(9, { status: "complete" }, LISTING_URL, "Index of /medicall/2013/04/09/");
    await settle(d, 1);
    expect(await gatedTabs.getValue()).toEqual({ "9": LISTING_URL });
    await fakeBrowser.tabs.onRemoved.trigger(9, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(await gatedTabs.getValue()).toEqual({}));
  });
});

describe("why Report is disabled", () => {
  async function viewOf(found: Finding, fetcher = tableFetch({}).fetcher): Promise<TabView> {
    startBackground(deps(found, fetcher));
    await send({ type: "gate", phase: "idle" }, content(1));
    return (await send({ type: "tabView", tabId: 1 }, popup)) as TabView;
  }

  it("info listings are not offered", async () => {
    expect((await viewOf(mirrorFinding())).blocked).toBe("severity");
  });

  it("private hosts are not offered (loopback only in local builds)", async () => {
    const url = "http://10.1.2.3/medicall/2013/04/09/";
    expect((await viewOf(listingFinding(4, url))).blocked).toBe("private_host");
  });

  it("a listing that needs the user's cookies is not offered", async () => {
    const { fetcher, asked } = tableFetch({ [LISTING_URL]: () => htmlResponse("<h1>Forbidden</h1>", 403) });
    expect((await viewOf(listingFinding(4), fetcher)).blocked).toBe("needs_cookies");
    expect(asked[0]?.init.credentials).toBe("omit");
  });

  it("a listing a stranger sees differently (a login page) is not offered", async () => {
    const { fetcher } = tableFetch({ [LISTING_URL]: () => htmlResponse("<title>Sign in</title><form></form>") });
    expect((await viewOf(listingFinding(4), fetcher)).blocked).toBe("needs_cookies");
  });

  it("a public listing is offered", async () => {
    const { fetcher } = tableFetch({ [LISTING_URL]: () => htmlResponse(listingHtml(4)) });
    expect((await viewOf(listingFinding(4), fetcher)).blocked).toBeNull();
  });
});

describe("the parent-folder probe", () => {
  const file = "http://files.example.com/medicall/2013/04/09/20130409-081200_%2B46701234567_inbound.wav";

  it("does nothing unless the user turned it on", async () => {
    const { fetcher, asked } = tableFetch({});
    await probeParents(4, file, deps(null, fetcher));
    expect(asked).toEqual([]);
  });

  it("asks up to three folders once a day, without cookies, and records the listing it finds", async () => {
    await options.setValue({ apiBase: null, autoReport: false, parentProbe: true, ignoredSites: [] });
    const { fetcher, asked } = tableFetch({
      [LISTING_URL]: () => htmlResponse(listingHtml(9)),
      "http://files.example.com/medicall/2013/04/": () => htmlResponse("<h1>Forbidden</h1>", 403),
      "http://files.example.com/medicall/2013/": () => htmlResponse("<h1>Forbidden</h1>", 403),
    });
    await probeParents(4, file, deps(null, fetcher));
    expect(asked.map((a) => a.url)).toEqual([
      LISTING_URL,
      "http://files.example.com/medicall/2013/04/",
      "http://files.example.com/medicall/2013/",
    ]);
    expect(asked.every((a) => a.init.credentials === "omit")).toBe(true);
    const found = (await tabFindings.getValue())["4"];
    expect(found?.source).toBe("probe");
    expect(found?.summary.files).toBe(9);
    expect(Object.values(await probedFolders.getValue())).toEqual(["2026-11-25", "2026-11-25", "2026-11-25"]);
    await probeParents(5, file, deps(null, fetcher));
    expect(asked).toHaveLength(3);
  });
});
