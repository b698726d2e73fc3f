import { z } from "zod";
import { CATEGORIES } from "../classify/categories.ts";
import { redact } from "../classify/redact.ts";
import { SEVERITIES } from "../classify/severity.ts";
import { SIGNALS } from "../classify/signals.ts";
import { FORMAT_IDS } from "../listing/flavours/index.ts";

// The report the extension (or any client) sends: a public contract, versioned by `schema`.
// Every object is strict, so no field can be added to carry a reporter's identity; the only
// free text is the redacted sample names, which must be fixed points of `redact`.

export const REPORT_SCHEMA_VERSION = 1;
export const MAX_SAMPLES = 10;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const count = z.number().int().min(0).max(1_000_000_000);

const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), "an absolute http or https URL");

export const summarySchema = z.strictObject({
  files: count,
  directories: count,
  bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  categories: z.partialRecord(z.enum(CATEGORIES as [string, ...string[]]), count),
  oldest: day.nullable(),
  newest: day.nullable(),
});

/** A redacted sample: short, and unchanged by redaction (no digits, no name-like words survive). */
const sample = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => redact(s) === s, "a redacted name (as redact() returns it)");

export const reportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA_VERSION),
  listingUrl: httpUrl,
  format: z.enum(FORMAT_IDS as [string, ...string[]]),
  observedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/, "an ISO time rounded down to the hour"),
  summary: summarySchema,
  severity: z.enum(SEVERITIES as [string, ...string[]]),
  signals: z
    .array(z.enum(SIGNALS))
    .max(SIGNALS.length)
    .refine((s) => new Set(s).size === s.length, "each signal once"),
  samples: z.array(sample).max(MAX_SAMPLES),
  client: z.strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "a lower-case client name"),
    version: z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, "a version x.y.z"),
  }),
  pow: z.strictObject({
    challenge: z.record(z.string().max(64), z.unknown()),
    solution: z.record(z.string().max(64), z.unknown()),
  }),
});

export type Report = z.infer<typeof reportSchema>;
export type ReportSummary = z.infer<typeof summarySchema>;
