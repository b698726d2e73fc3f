import { CATEGORIES } from "../../shared/classify/categories.ts";
import { sensitiveFiles } from "./badge.ts";
import type { Finding } from "./finding.ts";
import { keyOf } from "./i18n-keys.ts";
import type { TabView } from "./messaging.ts";
import type { StoredReport } from "./storage.ts";

// The popup's markup, built with textContent only: everything here may have come from a
// listing, so nothing is ever parsed as HTML.

export type Translate = (key: string, ...subs: string[]) => string;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  text?: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const key = keyOf;

function findingSection(doc: Document, f: Finding, t: Translate): HTMLElement {
  const section = el(doc, "section", undefined, { id: "finding", "data-severity": f.severity });
  section.append(el(doc, "h2", t("listingFound", f.format), { id: "format" }));
  section.append(el(doc, "p", t("severityLabel", t(key("sev", f.severity))), { id: "severity", class: f.severity }));
  section.append(
    el(doc, "p", t("filesAndFolders", String(f.summary.files), String(f.summary.directories)), { id: "counts" }),
  );
  const sensitive = sensitiveFiles(f);
  if (sensitive > 0) section.append(el(doc, "p", t("sensitiveFiles", String(sensitive)), { id: "sensitive" }));
  const dates =
    f.summary.oldest !== null && f.summary.newest !== null
      ? t("dateRange", f.summary.oldest, f.summary.newest)
      : t("noDates");
  section.append(el(doc, "p", dates, { id: "dates" }));
  if (f.source === "probe") section.append(el(doc, "p", t("sourceProbe"), { class: "note" }));

  section.append(el(doc, "h3", t("categoriesHeading")));
  const cats = el(doc, "ul", undefined, { id: "categories" });
  for (const c of CATEGORIES) {
    const n = f.summary.categories[c];
    if (n === undefined || n === 0) continue;
    cats.append(el(doc, "li", `${t(key("cat", c))}: ${n}`, { "data-category": c, "data-count": String(n) }));
  }
  section.append(cats);

  section.append(el(doc, "h3", t("reasonsHeading")));
  const reasons = el(doc, "ul", undefined, { id: "reasons" });
  // The classifier's sentences are English; other languages list the signals by name.
  const english = t("localeId") === "en";
  const lines = english && f.reasons.length > 0 ? f.reasons : f.signals.map((s) => t(key("sig", s)));
  for (const line of lines) reasons.append(el(doc, "li", line));
  section.append(reasons);

  if (f.samples.length > 0) {
    section.append(el(doc, "h3", t("samplesHeading")));
    const samples = el(doc, "ul", undefined, { id: "samples" });
    for (const s of f.samples) samples.append(el(doc, "li", s, { class: "sample" }));
    section.append(samples);
  }
  return section;
}

function reportLine(doc: Document, r: StoredReport, t: Translate): HTMLElement {
  const li = el(doc, "li", undefined, { "data-case": r.caseId });
  li.append(el(doc, "span", r.listingUrl, { class: "url" }));
  li.append(el(doc, "span", ` ${t("reportedCase", r.caseId)} · ${t("caseStatus", t(key("status", r.status)))}`));
  return li;
}

/** The whole popup for a tab: the listing, the Report button (or why it is disabled), the case, and past reports. */
export function renderPopup(
  doc: Document,
  view: TabView,
  past: readonly StoredReport[],
  t: Translate,
  state: { busy?: boolean; error?: string } = {},
): HTMLElement {
  const root = el(doc, "main");
  root.append(el(doc, "h1", t("popupTitle")));
  if (view.finding === null) {
    root.append(el(doc, "p", t("nothingHere"), { id: "nothing" }));
  } else {
    root.append(findingSection(doc, view.finding, t));
    if (view.report !== null) {
      const done = el(doc, "p", undefined, { id: "case" });
      done.append(el(doc, "strong", t("reportedCase", view.report.caseId), { id: "case-id" }));
      done.append(
        el(doc, "span", ` · ${t("caseStatus", t(key("status", view.report.status)))}`, { id: "case-status" }),
      );
      root.append(done);
    } else {
      const button = el(doc, "button", t("reportButton"), { id: "report", type: "button" });
      if (view.blocked !== null || state.busy === true) button.disabled = true;
      root.append(button);
      if (view.blocked !== null) root.append(el(doc, "p", t(`why_${view.blocked}`), { id: "blocked" }));
      if (state.busy === true) root.append(el(doc, "p", t("reporting"), { id: "busy" }));
    }
  }
  if (state.error !== undefined) root.append(el(doc, "p", t("reportFailed", state.error), { id: "error" }));
  root.append(el(doc, "h2", t("pastReports")));
  if (past.length === 0) root.append(el(doc, "p", t("noReports"), { id: "no-reports" }));
  else {
    const list = el(doc, "ul", undefined, { id: "reports" });
    for (const r of past) list.append(reportLine(doc, r, t));
    root.append(list);
  }
  root.append(el(doc, "a", t("optionsLink"), { id: "options", href: "#" }));
  return root;
}
