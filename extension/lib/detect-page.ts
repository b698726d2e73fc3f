import { detectFinding, type Finding } from "./finding.ts";
import { documentText } from "./page-sketch.ts";

/** Runs the shared detector and classifier on a live document's own text; null when it is no listing. */
export function detectPage(doc: Document, url: string, now: string): Finding | null {
  return detectFinding(documentText(doc), { url, contentType: doc.contentType }, now, "page");
}
