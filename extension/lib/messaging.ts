import { browser } from "wxt/browser";
import { z } from "zod";
import type { Finding } from "./finding.ts";
import type { StoredReport } from "./storage.ts";

// The one protocol between the extension's parts. Every message is checked against its
// schema before a handler sees it; a message that fails is dropped.

const tabId = z.number().int().min(0);

export const messageSchema = z.discriminatedUnion("type", [
  /** Gate → background: this page could be a listing; run the detector on it. */
  z.strictObject({ type: z.literal("gate"), phase: z.enum(["idle", "settled"]) }),
  /** Popup → background: what is known about this tab. */
  z.strictObject({ type: z.literal("tabView"), tabId }),
  /** Popup → background: report the tab's listing. */
  z.strictObject({ type: z.literal("report"), tabId }),
  /** Popup → background: the user's reports, with their status refreshed. */
  z.strictObject({ type: z.literal("reports") }),
]);

export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message["type"];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** Why the Report button is disabled. Each has a message in _locales (`why_<code>`). */
export type NotReportable = "severity" | "private_host" | "needs_cookies" | "not_public" | "ignored_site";

/** The popup's view of a tab. */
export interface TabView {
  finding: Finding | null;
  /** null when the listing may be reported. */
  blocked: NotReportable | null;
  /** The report made for this listing, if any. */
  report: StoredReport | null;
}

export type ReportOutcome = { ok: true; report: StoredReport } | { ok: false; code: string; detail: string };

export interface Responses {
  gate: null;
  tabView: TabView;
  report: ReportOutcome;
  reports: StoredReport[];
}

/** Checks a message from another part of the extension; null when it is not one of ours. */
export function parseMessage(raw: unknown): Message | null {
  const parsed = messageSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Sends a message to the background and returns its typed answer. */
export async function sendMessage<T extends MessageType>(message: MessageOf<T>): Promise<Responses[T]> {
  return (await browser.runtime.sendMessage(message)) as Responses[T];
}
