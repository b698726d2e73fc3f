// Validates an XARF v4 report with ajv (JSON Schema 2020-12) against the vendored XARF schema
// files in test/support/xarf/. The formats XARF uses are checked with small regexes (ajv-formats
// is not a dependency).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";

const DIR = join(import.meta.dirname, "../support/xarf");

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  email: /^[^\s@]+@[^\s@]+$/,
  hostname:
    /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
  ipv4: /^\d{1,3}(\.\d{1,3}){3}$/,
  ipv6: /^[0-9a-f:.]+$/i,
};

let validate: ((data: unknown) => string[]) | undefined;

function load(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [name, re] of Object.entries(FORMATS)) ajv.addFormat(name, re);
  const files = readdirSync(DIR, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json"));
  const schemas = files.map((f) => JSON.parse(readFileSync(join(DIR, f), "utf8")) as { $id?: string });
  for (const s of schemas) ajv.addSchema(s);
  const target = schemas.find((s) => /content-exposed-data\.json$/.test(s.$id ?? ""));
  if (!target?.$id) throw new Error(`no content-exposed-data schema among ${files.join(", ")} in test/support/xarf`);
  const fn = ajv.getSchema(target.$id);
  if (!fn) throw new Error(`could not compile ${target.$id}`);
  return (data) => (fn(data) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`));
}

/** The schema errors of an XARF report (empty when valid). */
export function validateXarf(report: unknown): string[] {
  validate ??= load();
  return validate(report);
}
