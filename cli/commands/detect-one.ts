import { classifyListing } from "../../shared/classify/classify-listing.ts";
import { detectListing } from "../../shared/listing/detect.ts";
import type { DetectInput } from "../../shared/listing/types.ts";
import { CliError } from "../errors.ts";
import { readBody } from "../read-input.ts";

export interface DetectRequest {
  file: string;
  url: string;
  contentType?: string;
}

/** The JSON the `detect` command prints for one page (a public contract). */
export interface DetectOutput {
  listing: boolean;
  format: string | null;
  server: string | null;
  entries: Array<{ name: string; isDir: boolean; size: number | null; modified: string | null; category: string }>;
  summary: {
    files: number;
    directories: number;
    bytes: number | null;
    categories: Record<string, number>;
    oldest: string | null;
    newest: string | null;
  };
  signals: string[];
  severity: string | null;
  reasons: string[];
}

function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliError(`--url: not an absolute URL: ${url}`);
  }
  if (!["http:", "https:", "ftp:"].includes(u.protocol))
    throw new CliError(`--url: only http, https and ftp URLs: ${url}`);
}

/** Detects and classifies one saved page. */
export function detectOne(req: DetectRequest): DetectOutput {
  checkUrl(req.url);
  const body = readBody(req.file, req.contentType);
  const input: DetectInput = { url: req.url };
  if (req.contentType !== undefined) input.contentType = req.contentType;
  const detection = detectListing(body, input);
  if (!detection) {
    return {
      listing: false,
      format: null,
      server: null,
      entries: [],
      summary: { files: 0, directories: 0, bytes: null, categories: {}, oldest: null, newest: null },
      signals: [],
      severity: null,
      reasons: [],
    };
  }
  const j = classifyListing(detection, req.url);
  return {
    listing: true,
    format: detection.format,
    server: detection.server ?? null,
    entries: j.entries.map((e) => ({
      name: e.name,
      isDir: e.isDir,
      size: e.size ?? null,
      modified: e.modified ?? null,
      category: e.category,
    })),
    summary: { ...j.summary, categories: { ...j.summary.categories } as Record<string, number> },
    signals: [...j.signals],
    severity: j.severity,
    reasons: [...j.reasons],
  };
}
