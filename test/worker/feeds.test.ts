import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS, CSV_SCHEMA } from "../../worker/src/routes/feeds/csv.ts";
import { call, type SeededCase, type SeededTeam, seedCase, seedTeam } from "./cert-seed.ts";

const DAY = 86_400_000;
let se: SeededTeam;
let open: SeededCase;
let formula: SeededCase;
let closedYesterday: SeededCase;
let closedLongAgo: SeededCase;

beforeAll(async () => {
  se = await seedTeam({ name: "CERT-SE", countries: ["SE"] });
  open = await seedCase({ host: "clinic.example.test:443", notices: ["sent"] });
  formula = await seedCase({ host: "formula.example.test", server: '=HYPERLINK("http://x.example.test","a, b")' });
  closedYesterday = await seedCase({
    host: "yesterday.example.test",
    createdAt: Date.now() - 3 * DAY,
    closedAt: Date.now() - DAY,
    status: "closed",
  });
  closedLongAgo = await seedCase({
    host: "longago.example.test",
    createdAt: Date.now() - 30 * DAY,
    closedAt: Date.now() - 20 * DAY,
    status: "closed",
  });
  await env.DB.prepare("INSERT INTO events (case_id, at, type, actor) VALUES (?1, ?2, 'acknowledged', 'owner')")
    .bind(open.id, Date.now())
    .run();
  // A later choice of language on the owner's page is no answer.
  await env.DB.prepare("INSERT INTO events (case_id, at, type, actor) VALUES (?1, ?2, 'owner_preferences', 'owner')")
    .bind(open.id, Date.now() + 1)
    .run();
}, 60_000);

function get(path: string, token = se.token): Promise<Response> {
  return call(path, { headers: { authorization: `Bearer ${token}` } });
}

interface Feed {
  schema: string;
  team: string;
  page: number;
  perPage: number;
  total: number;
  nextPage: number | null;
  cases: Record<string, unknown>[];
}

describe("GET /api/v1/feeds/cases.json", () => {
  it("describes each case with the documented fields", async () => {
    const res = await get("/api/v1/feeds/cases.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const feed = (await res.json()) as Feed;
    expect(feed).toMatchObject({ schema: "indexwatch-cases-json/1", team: "CERT-SE", page: 1, perPage: 100, total: 4 });
    const c = feed.cases.find((x) => x.caseId === open.id);
    expect(Object.keys(c ?? {}).sort()).toEqual(
      [
        "caseId",
        "url",
        "hostname",
        "port",
        "status",
        "severity",
        "format",
        "server",
        "httpStatus",
        "firstSeen",
        "updatedAt",
        "closedAt",
        "lastVerified",
        "location",
        "files",
        "directories",
        "bytes",
        "fileCountEstimate",
        "categories",
        "dateRange",
        "signals",
        "evidenceSha256",
        "ownerNotifiedAt",
        "ownerAnswer",
        "reports",
        "caseUrl",
      ].sort(),
    );
    expect(c).toMatchObject({
      url: "http://clinic.example.test:443/medicall/",
      hostname: "clinic.example.test",
      port: 443,
      severity: "critical",
      server: "nginx/1.22.1",
      httpStatus: 200,
      location: { country: "SE", ip: "192.0.2.10", asn: 64500 },
      files: 1500,
      fileCountEstimate: 1500,
      categories: { audio: 1480, document: 20 },
      dateRange: { oldest: "2013-04-09", newest: "2019-02-18" },
      signals: ["call-recording", "phone-number", "medical"],
      evidenceSha256: "ab".repeat(32),
      ownerAnswer: "acknowledged",
      caseUrl: `http://127.0.0.1:8787/cert/cases/${open.id}`,
    });
    expect(c?.lastVerified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(c?.ownerNotifiedAt).toMatch(/Z$/);
    // No file names: only the redacted shapes exist anywhere, and the feed does not carry even those.
    expect(JSON.stringify(feed)).not.toContain("inbound.wav");
  }, 60_000);

  it("pages in a stable order with per_page and page", async () => {
    const a = (await (await get("/api/v1/feeds/cases.json?per_page=3")).json()) as Feed;
    const b = (await (await get("/api/v1/feeds/cases.json?per_page=3&page=2")).json()) as Feed;
    expect(a.cases).toHaveLength(3);
    expect(a.nextPage).toBe(2);
    expect(b.cases).toHaveLength(1);
    expect(b.nextPage).toBeNull();
    expect(new Set([...a.cases, ...b.cases].map((c) => c.caseId)).size).toBe(4);
    expect(a.cases[0]?.caseId).toBe(closedLongAgo.id);
  }, 60_000);

  it("filters by status and update time", async () => {
    const closed = (await (await get("/api/v1/feeds/cases.json?status=closed")).json()) as Feed;
    expect(closed.cases.map((c) => c.caseId).sort()).toEqual([closedYesterday.id, closedLongAgo.id].sort());
    const since = new Date(Date.now() - 10 * DAY).toISOString();
    const recent = (await (await get(`/api/v1/feeds/cases.json?updated_since=${since}`)).json()) as Feed;
    expect(recent.cases.map((c) => c.caseId)).not.toContain(closedLongAgo.id);
  }, 60_000);

  it("answers bad parameters with a JSON 400 and a missing or wrong token with 401", async () => {
    for (const q of [
      "per_page=0",
      "per_page=501",
      "page=-1",
      "page=abc",
      "updated_since=yesterday",
      "status=DROP%20TABLE",
    ]) {
      const res = await get(`/api/v1/feeds/cases.json?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
    expect((await call("/api/v1/feeds/cases.json")).status).toBe(401);
    expect((await get("/api/v1/feeds/cases.json", `iwt_${"A".repeat(43)}`)).status).toBe(401);
    expect((await get("/api/v1/feeds/cases.json", se.token.slice(4))).status).toBe(401);
  }, 60_000);

  it("stops working when the token is revoked", async () => {
    const t = await seedTeam({ name: "CERT-NO", countries: ["NO"] });
    expect((await get("/api/v1/feeds/cases.json", t.token)).status).toBe(200);
    await env.DB.prepare("DELETE FROM tokens WHERE team_id = ?1").bind(t.id).run();
    expect((await get("/api/v1/feeds/cases.json", t.token)).status).toBe(401);
  }, 60_000);
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("GET /api/v1/feeds/cases.csv", () => {
  it("writes the versioned columns and one row per case open during the day", async () => {
    const res = await get("/api/v1/feeds/cases.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("x-indexwatch-schema")).toBe(CSV_SCHEMA);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[0]?.slice(0, 13)).toEqual([
      "timestamp",
      "severity",
      "ip",
      "protocol",
      "port",
      "hostname",
      "tag",
      "asn",
      "geo",
      "region",
      "city",
      "naics",
      "sector",
    ]);
    const body = rows.slice(1);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    expect(body.map((r) => r[col("case_id")]).sort()).toEqual([open.id, formula.id].sort());
    const r = body.find((x) => x[col("case_id")] === open.id) ?? [];
    expect(r).toHaveLength(CSV_COLUMNS.length);
    expect(r[col("ip")]).toBe("192.0.2.10");
    expect(r[col("port")]).toBe("443");
    expect(r[col("protocol")]).toBe("tcp");
    expect(r[col("geo")]).toBe("SE");
    expect(r[col("asn")]).toBe("64500");
    expect(r[col("tag")]).toBe("open-directory;call-recording;phone-number;medical;audio;document");
    expect(r[col("categories")]).toBe("audio:1480;document:20");
    expect(r[col("date_range")]).toBe("2013-04-09/2019-02-18");
    expect(r[col("owner_ack")]).toBe("acknowledged");
    expect(r[col("timestamp")]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  }, 60_000);

  it("quotes commas and defuses spreadsheet formulas from a server header", async () => {
    const rows = parseCsv(await (await get("/api/v1/feeds/cases.csv")).text());
    const r = rows.find((x) => x.includes(formula.id)) ?? [];
    expect(r[CSV_COLUMNS.indexOf("server")]).toBe(`'=HYPERLINK("http://x.example.test","a, b")`);
  }, 60_000);

  it("gives an earlier day's cases with ?date=", async () => {
    const day = new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10);
    const rows = parseCsv(await (await get(`/api/v1/feeds/cases.csv?date=${day}`)).text());
    const ids = rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf("case_id")]);
    expect(ids).toContain(closedYesterday.id);
    expect(ids).not.toContain(closedLongAgo.id);
    expect(ids).not.toContain(open.id);
    expect((await get("/api/v1/feeds/cases.csv?date=2026-13-45")).status).toBe(400);
    expect((await get("/api/v1/feeds/cases.csv?date=today")).status).toBe(400);
  }, 60_000);
});

describe("GET /api/v1/cases/:caseId/xarf", () => {
  it("is the disclosure's XARF v4 exposed-data report, signed by this service, with redacted samples only", async () => {
    const res = await get(`/api/v1/cases/${open.id}/xarf`);
    expect(res.status).toBe(200);
    const x = (await res.json()) as Record<string, unknown>;
    expect(x).toMatchObject({
      xarf_version: "4.0.0",
      report_id: open.id,
      category: "content",
      type: "exposed_data",
      exposure_method: "open_directory",
      source_identifier: "192.0.2.10",
      source_port: 443,
      url: "http://clinic.example.test:443/medicall/",
      reporter: { org: "Indexwatch", domain: "127.0.0.1" },
      record_count: 1500,
      accessibility: "public",
      country_code: "SE",
    });
    expect(x.data_types).toEqual(expect.arrayContaining(["medical", "phone_numbers", "audio_recordings"]));
    expect(x.sample_records).toEqual([{ redacted_sample: "########-######_+###########_inbound.wav" }]);
    const evidence = (x.evidence as { payload: string; hash: string }[])[0];
    expect(evidence?.hash).toBe(`sha256:${"ab".repeat(32)}`);
    expect(JSON.parse(atob(evidence?.payload ?? ""))).toMatchObject({ files: 1500 });
  }, 60_000);

  it("answers an unknown case with 404", async () => {
    const res = await get(`/api/v1/cases/${crypto.randomUUID()}/xarf`);
    expect(res.status).toBe(404);
  }, 60_000);
});
