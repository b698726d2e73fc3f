import { detectListing } from "../../shared/listing/detect.ts";
import { type Finding, findingOf } from "./finding.ts";
import { documentText } from "./page-sketch.ts";

/** Runs the shared detector and classifier on a live document's own text; null when it is no listing. */
export function detectPage(doc: Document, url: string, now: string): Finding | null {
  const detection = detectListing(documentText(doc), { url, contentType: doc.contentType });
  return detection === null ? null : findingOf(detection, url, now, "page");
}
