import { redact } from "../../shared/classify/redact.ts";
import { ALLOW_LOOPBACK } from "./build-flags.ts";
import type { Finding, FindingSource } from "./finding.ts";
import type { MessageOf, MessageType, NotReportable, Responses, TabView } from "./messaging.ts";
import { checkPublicListing, type Fetcher } from "./public-check.ts";
import { blockedReason, isIgnoredHost } from "./reportability.ts";
import { refreshStatuses, reportFor, reportListing } from "./reporter.ts";
import type { SenderKind } from "./sender.ts";
import { readOptions } from "./storage.ts";
import { findingOfTab, recordFinding } from "./tab-state.ts";

/** What the handlers need from the outside: the network, the clock, and running the detector in a tab. */
export interface BackgroundDeps {
  fetch: Fetcher;
  now: () => Date;
  /** Runs the detector script in a tab's frame; its finding, or null for no listing. */
  detectIn: (tabId: number, frameId: number, source: FindingSource) => Promise<unknown>;
  /** Runs the gate script in a tab's top frame. */
  injectGate: (tabId: number) => Promise<void>;
}

interface Handler<T extends MessageType> {
  /** The only kind of sender this message is taken from. */
  from: SenderKind["kind"];
  run(message: MessageOf<T>, sender: SenderKind, deps: BackgroundDeps): Promise<Responses[T]>;
}

/** The detector's answer comes from a page's process: only a well-formed finding is kept. */
export function asFinding(value: unknown): Finding | null {
  const f = value as Finding | null;
  if (f === null || typeof f !== "object") return null;
  if (typeof f.url !== "string" || typeof f.format !== "string" || typeof f.severity !== "string") return null;
  if (typeof f.summary !== "object" || f.summary === null || !Array.isArray(f.samples)) return null;
  if (!URL.canParse(f.url)) return null;
  return { ...f, samples: f.samples.filter((s) => typeof s === "string" && redact(s) === s).slice(0, 10) };
}

// The result of the cookie-less re-fetch, per listing URL, while the service worker lives.
const access = new Map<string, NotReportable | null>();

async function publicAccess(finding: Finding, deps: BackgroundDeps): Promise<NotReportable | null> {
  const known = access.get(finding.url);
  if (known !== undefined) return known;
  const check = await checkPublicListing(finding.url, deps.now().toISOString(), deps.fetch);
  const verdict = check.ok ? null : check.code;
  access.set(finding.url, verdict);
  return verdict;
}

/** Every message the background answers, by type (one handler each). */
export const handlers: { [T in MessageType]: Handler<T> } = {
  gate: {
    from: "content",
    async run(message, sender, deps) {
      if (sender.kind !== "content" || sender.frameId !== 0) return null;
      const options = await readOptions();
      const source: FindingSource = message.phase === "idle" ? "page" : "settled";
      const finding = asFinding(await deps.detectIn(sender.tabId, sender.frameId, source));
      if (finding === null) return null;
      if (isIgnoredHost(new URL(finding.url).hostname, options.ignoredSites)) return null;
      await recordFinding(sender.tabId, finding);
      if (options.autoReport && blockedReason(finding, { allowLoopback: ALLOW_LOOPBACK, ignoredSites: [] }) === null) {
        await reportListing(finding, { fetch: deps.fetch, now: deps.now, options });
      }
      return null;
    },
  },
  tabView: {
    from: "extension-page",
    async run(message, _sender, deps): Promise<TabView> {
      const finding = await findingOfTab(message.tabId);
      if (finding === null) return { finding: null, blocked: null, report: null };
      const report = await reportFor(finding.url);
      const options = await readOptions();
      let blocked = blockedReason(finding, { allowLoopback: ALLOW_LOOPBACK, ignoredSites: options.ignoredSites });
      if (blocked === null && report === null) blocked = await publicAccess(finding, deps);
      return { finding, blocked, report };
    },
  },
  report: {
    from: "extension-page",
    async run(message, _sender, deps) {
      const finding = await findingOfTab(message.tabId);
      if (finding === null) return { ok: false, code: "no_listing", detail: "no listing was found in this tab" };
      const outcome = await reportListing(finding, { fetch: deps.fetch, now: deps.now, options: await readOptions() });
      if (!outcome.ok && (outcome.code === "needs_cookies" || outcome.code === "not_public")) {
        access.set(finding.url, outcome.code);
      }
      return outcome;
    },
  },
  reports: {
    from: "extension-page",
    async run(_message, _sender, deps) {
      return refreshStatuses({ fetch: deps.fetch, now: deps.now, options: await readOptions() });
    },
  },
};

/** Forgets the re-fetch results (tests; a changed listing is asked again after a restart anyway). */
export function forgetAccess(): void {
  access.clear();
}
