// What the intake fuzzer sends: plans for POST /api/v1/reports drawn from fast-check
// arbitraries. A plan is plain data (so a seed replays it); the test turns it into a request,
// fetching and solving a fresh proof of work where the plan asks for one.
import fc from "fast-check";
import { CATEGORIES } from "../../../shared/classify/categories.ts";
import { SEVERITIES } from "../../../shared/classify/severity.ts";
import { SIGNALS } from "../../../shared/classify/signals.ts";
import { FORMAT_IDS } from "../../../shared/listing/flavours/index.ts";
import { exampleReport } from "../../support/example-report.ts";

/** How the report's `pow` is made. */
export type PowKind =
  | "fresh" // a new challenge of this Worker, solved
  | "used" // the pow of a report already accepted
  | "forged" // a new challenge whose signature was changed, solved
  | "expired" // signed by this Worker with the right secret, but past its time
  | "wrong" // a new challenge with the solution of another
  | "foreign" // signed with another secret
  | "missing"; // no pow at all

export type Mutation =
  | { op: "set"; path: string[]; value: unknown }
  | { op: "delete"; path: string[] }
  | { op: "raw-key"; at: "top" | "summary" | "categories" | "client" | "pow"; key: string; json: string };

export type Body =
  | { kind: "valid"; report: Record<string, unknown>; host: string; pow: PowKind }
  | { kind: "mutated"; report: Record<string, unknown>; mutations: Mutation[]; pow: PowKind }
  | { kind: "json"; text: string }
  | { kind: "broken"; text: string }
  | { kind: "bytes"; bytes: number[] }
  | { kind: "oversized"; fill: number; wellFormed: boolean; stream: boolean };

export interface Plan {
  body: Body;
  contentType: string | null;
}

const JSON_TYPES = ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;v=1"];
const OTHER_TYPES = [
  null,
  "",
  "text/plain",
  "application/jsonx",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "text/json",
  "application/ld+json",
  "application/xml",
];

/** Few folder names, so that reports of one host often fall in a folder another report opened. */
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("medicall", "2013", "04", "09", "scans") },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,10}$/) },
);
const count = fc.integer({ min: 0, max: 1_000_000_000 });
const day = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A report the schema accepts, on one of 200 names (a few reports each: no host meets the daily cap). */
export const validReport = fc
  .record({
    host: fc.integer({ min: 0, max: 199 }).map((n) => `fuzz-${n}.example.com`),
    scheme: fc.constantFrom("http", "http", "https"),
    path: fc.array(segment, { minLength: 1, maxLength: 4 }),
    format: fc.constantFrom(...FORMAT_IDS),
    severity: fc.constantFrom(...SEVERITIES),
    files: count,
    directories: count,
    bytes: fc.option(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { nil: null }),
    categories: fc.dictionary(fc.constantFrom(...CATEGORIES), count, { maxKeys: 5 }),
    oldest: fc.option(day, { nil: null }),
    newest: fc.option(day, { nil: null }),
    signals: fc.uniqueArray(fc.constantFrom(...SIGNALS), { maxLength: SIGNALS.length }),
    samples: fc.array(fc.constantFrom("########-######_+###########_inbound.wav", "####-##-##.csv", "scan_####.pdf"), {
      maxLength: 10,
    }),
    hour: fc.integer({ min: 0, max: 23 }),
    client: fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/),
  })
  .map((r) => ({
    host: r.host,
    report: exampleReport({
      listingUrl: `${r.scheme}://${r.host}/${r.path.join("/")}/`,
      format: r.format,
      observedAt: `2026-11-25T${String(r.hour).padStart(2, "0")}:00:00Z`,
      summary: {
        files: r.files,
        directories: r.directories,
        bytes: r.bytes,
        categories: r.categories,
        oldest: r.oldest,
        newest: r.newest,
      },
      severity: r.severity,
      signals: r.signals,
      samples: r.samples,
      client: { name: r.client, version: "0.1.0" },
    }),
  }));

const deepArray = fc.integer({ min: 1, max: 5000 }).map((n) => JSON.parse(`${"[".repeat(n)}${"]".repeat(n)}`));
const deepObject = fc.integer({ min: 1, max: 2000 }).map((n) => JSON.parse(`${'{"a":'.repeat(n)}1${"}".repeat(n)}`));

/** Values no field should take: wrong types, extremes, hostile strings. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    -1_000_000,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    1_000_000_001,
    "",
    "0",
    "-1",
    "null",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\u202e",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "<script>alert(1)</script>",
    "'; DROP TABLE cases; --",
    "http://192.168.0.1/",
    "http://[::1]/",
    "http://0x7f000001/",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "http://user:pw@fuzz.example.com/",
    "http://fuzz.example.com/\u0000/",
    "https://xn--e1afmkfd.example.com/ü/",
    "9999-99-99",
    "2026-11-25T11:30:00Z",
    [],
    {},
    [null],
    { __proto__: null },
  ),
  fc.string({ maxLength: 64 }),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => "x".repeat(n)),
  fc.integer({ min: 1, max: 300 }).map((n) => "http://fuzz.example.com/".padEnd(2048 + n, "a")),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
  deepArray,
  deepObject,
);

/** Where in a report a value can be put. */
const PATHS: string[][] = [
  ["schema"],
  ["listingUrl"],
  ["format"],
  ["observedAt"],
  ["summary"],
  ["summary", "files"],
  ["summary", "directories"],
  ["summary", "bytes"],
  ["summary", "categories"],
  ["summary", "categories", "audio"],
  ["summary", "categories", "nonsense"],
  ["summary", "oldest"],
  ["summary", "newest"],
  ["severity"],
  ["signals"],
  ["signals", "0"],
  ["samples"],
  ["samples", "0"],
  ["samples", "10"],
  ["client"],
  ["client", "name"],
  ["client", "version"],
  ["pow"],
  ["pow", "challenge"],
  ["pow", "solution"],
  ["pow", "challenge", "parameters"],
  ["pow", "challenge", "parameters", "nonce"],
  ["pow", "challenge", "parameters", "expiresAt"],
  ["pow", "challenge", "parameters", "cost"],
  ["pow", "challenge", "signature"],
  ["pow", "solution", "counter"],
  ["pow", "solution", "derivedKey"],
];

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

/** Listing URLs the schema takes but the target guard refuses. */
const REFUSED_TARGETS = [
  "http://192.168.1.10/calls/",
  "http://10.0.0.1/",
  "http://127.0.0.1:8080/a/",
  "http://[::1]/",
  "http://0xa9fea9fe/latest/meta-data/",
  "http://169.254.169.254/",
  "http://2130706433/",
  "http://[::ffff:10.0.0.1]/",
  "http://nas.local/",
  "http://printer/",
  "http://user:pw@fuzz.example.com/",
  "https://192.0.2.10/",
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("set" as const),
      path: fc.constant<string[]>(["listingUrl"]),
      value: fc.constantFrom(...REFUSED_TARGETS),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant("set" as const), path: fc.constantFrom(...PATHS), value: hostile }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), path: fc.constantFrom(...PATHS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("set" as const),
      path: fc
        .tuple(fc.constantFrom([], ["summary"], ["client"], ["pow"]), fc.string({ maxLength: 20 }))
        .map(([at, k]) => [...at, k]),
      value: hostile,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("raw-key" as const),
      at: fc.constantFrom("top", "summary", "categories", "client", "pow"),
      key: fc.constantFrom(...PROTO_KEYS),
      json: fc.constantFrom('{"polluted":1}', '{"isAdmin":true}', "null", "1", '"x"', "[]", '{"toString":1}'),
    }),
  },
);

const BAD_POW: PowKind[] = ["used", "forged", "expired", "wrong", "foreign", "missing"];
/** Valid reports: half with a fresh pow (accepted), half with each kind of bad one. */
const validPow = fc.oneof(fc.constant<PowKind>("fresh"), fc.constantFrom(...BAD_POW));
/** Mutated reports rarely pass the schema: a fresh pow for one in four is enough. */
const mutatedPow = fc.oneof(
  { weight: 1, arbitrary: fc.constant<PowKind>("fresh") },
  { weight: 3, arbitrary: fc.constantFrom(...BAD_POW) },
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<string | null>(...JSON_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom<string | null>(...OTHER_TYPES) },
);

const body: fc.Arbitrary<Body> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(validReport, validPow)
      .map(([v, p]): Body => ({ kind: "valid", report: v.report, host: v.host, pow: p })),
  },
  {
    weight: 50,
    arbitrary: fc
      .tuple(validReport, fc.array(mutation, { minLength: 1, maxLength: 3 }), mutatedPow)
      .map(([v, ms, p]): Body => ({ kind: "mutated", report: v.report, mutations: ms, pow: p })),
  },
  {
    weight: 10,
    arbitrary: fc.jsonValue({ maxDepth: 4 }).map((j): Body => ({ kind: "json", text: JSON.stringify(j) })),
  },
  {
    weight: 8,
    arbitrary: fc
      .tuple(validReport, fc.nat(), fc.constantFrom("cut", "flip", "prefix", "trailing"), fc.string({ maxLength: 4 }))
      .map(([v, at, how, s]): Body => {
        const text = JSON.stringify(v.report);
        const i = at % text.length;
        if (how === "cut") return { kind: "broken", text: text.slice(0, i) };
        if (how === "flip") return { kind: "broken", text: `${text.slice(0, i)}${s || "}"}${text.slice(i + 1)}` };
        if (how === "prefix") return { kind: "broken", text: `${s}\u0000${text}` };
        return { kind: "broken", text: `${text}${s || ","}{` };
      }),
  },
  {
    weight: 8,
    arbitrary: fc.uint8Array({ maxLength: 512 }).map((b): Body => ({ kind: "bytes", bytes: [...b] })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ fill: fc.integer({ min: 32 * 1024, max: 200_000 }), wellFormed: fc.boolean(), stream: fc.boolean() })
      .map((o): Body => ({ kind: "oversized", ...o })),
  },
);

/** One request to fuzz the intake with. */
export const plan: fc.Arbitrary<Plan> = fc.record({ body, contentType });

function setPath(obj: Record<string, unknown>, path: string[], value: unknown, del: boolean): void {
  let at: Record<string, unknown> = obj;
  for (const k of path.slice(0, -1)) {
    const next = at[k];
    if (next === null || typeof next !== "object") {
      const fresh: Record<string, unknown> = {};
      Object.defineProperty(at, k, { value: fresh, enumerable: true, writable: true, configurable: true });
      at = fresh;
    } else at = next as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (del) delete at[last];
  // defineProperty, not assignment: a key such as `__proto__` becomes data, as JSON.parse makes it.
  else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
}

const RAW_AT: Record<string, string> = {
  top: "{",
  summary: '"summary":{',
  categories: '"categories":{',
  client: '"client":{',
  pow: '"pow":{',
};

/** The JSON text of a (mutated) report with its pow in place. */
export function reportText(report: Record<string, unknown>, mutations: Mutation[], pow: unknown): string {
  const r = structuredClone(report);
  if (pow !== undefined) r.pow = structuredClone(pow);
  const raw: Mutation[] = [];
  for (const m of mutations) {
    if (m.op === "raw-key") raw.push(m);
    else setPath(r, m.path, m.op === "set" ? m.value : undefined, m.op === "delete");
  }
  let text = JSON.stringify(r);
  for (const m of raw) {
    if (m.op !== "raw-key") continue;
    const open = RAW_AT[m.at] ?? "{";
    const i = text.indexOf(open);
    if (i < 0) continue;
    const cut = i + open.length;
    const rest = text.slice(cut);
    text = `${text.slice(0, cut)}${JSON.stringify(m.key)}:${m.json}${rest.startsWith("}") ? "" : ","}${rest}`;
  }
  return text;
}
