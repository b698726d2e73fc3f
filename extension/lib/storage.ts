import { storage } from "wxt/utils/storage";
import type { Finding } from "./finding.ts";

// Every stored value, declared once with its version. Findings per tab live in session
// storage: they survive the service worker's restarts and end with the browser session, as
// tab ids do. History, reports and options are local; nothing is synced.

/** A report the user made: the case id and its secret status token stay on this device. */
export interface StoredReport {
  caseId: string;
  statusToken: string;
  listingUrl: string;
  format: string;
  severity: Finding["severity"];
  reportedAt: string;
  /** The latest milestone the API named (`received`, `verified`, …). */
  status: string;
  checkedAt: string;
}

/** One line of the findings history: what was seen where, never a file name. */
export interface SeenListing {
  url: string;
  format: string;
  severity: Finding["severity"];
  files: number;
  personalFiles: number;
  seenAt: string;
  source: Finding["source"];
}

export interface Options {
  /** The API base URL; null uses the build's default. */
  apiBase: string | null;
  /** Report reportable listings without a click (off by default). */
  autoReport: boolean;
  /** Probe the parent folders of media and document files opened directly (off by default). */
  parentProbe: boolean;
  /** Hosts (lower-case) on which nothing is detected or reported. */
  ignoredSites: string[];
}

export const DEFAULT_OPTIONS: Options = { apiBase: null, autoReport: false, parentProbe: false, ignoredSites: [] };

/** History is capped so that storage stays small. */
export const HISTORY_LIMIT = 200;

export const tabFindings = storage.defineItem<Record<string, Finding>>("session:tabFindings", {
  fallback: {},
  version: 1,
});

export const history = storage.defineItem<SeenListing[]>("local:history", { fallback: [], version: 1 });

export const reports = storage.defineItem<StoredReport[]>("local:reports", { fallback: [], version: 1 });

export const options = storage.defineItem<Options>("local:options", {
  fallback: DEFAULT_OPTIONS,
  version: 1,
});

/** Tab id → the URL whose current load the gate script was sent to (cleared when a load starts). */
export const gatedTabs = storage.defineItem<Record<string, string>>("session:gatedTabs", {
  fallback: {},
  version: 1,
});

/** Folder URL → the day (`YYYY-MM-DD`) the parent-folder probe last asked it. */
export const probedFolders = storage.defineItem<Record<string, string>>("local:probedFolders", {
  fallback: {},
  version: 1,
});

/** Options with every field present, whatever an older version stored. */
export async function readOptions(): Promise<Options> {
  return { ...DEFAULT_OPTIONS, ...(await options.getValue()) };
}
