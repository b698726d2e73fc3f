// Machine-readable feeds for a team's constituency, behind `Authorization: Bearer <team token>`:
// the JSON API, the daily CSV and one XARF v4 report per case. A case outside the constituency
// is answered exactly like one that does not exist.
import { Hono } from "hono";
import { type FeedEnv, requireTeamToken } from "../../auth/bearer.ts";
import { caseDetail, feedFacts } from "../../db/case-detail.ts";
import { feedPage, openDuring, visibleCase } from "../../db/cert-cases.ts";
import { buildXarf } from "../../disclose/notice/xarf.ts";
import { AppError } from "../../errors.ts";
import { caseRecord } from "./case-record.ts";
import { CSV_SCHEMA, csvDocument } from "./csv.ts";

export const JSON_SCHEMA = "indexwatch-cases-json/1";
const MAX_PER_PAGE = 500;
const CSV_MAX_ROWS = 50_000;

function positiveInt(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new AppError("bad_request", `${name} must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

export const feeds = new Hono<FeedEnv>()
  .use("/api/v1/feeds/*", requireTeamToken)
  .use("/api/v1/cases/:caseId/xarf", requireTeamToken)
  .get("/api/v1/feeds/cases.json", async (c) => {
    const page = positiveInt(c.req.query("page"), "page", 1, 1_000_000);
    const perPage = positiveInt(c.req.query("per_page"), "per_page", 100, MAX_PER_PAGE);
    const status = c.req.query("status");
    if (status !== undefined && !/^[a-z_]{1,40}$/.test(status))
      throw new AppError("bad_request", "status: unknown value");
    const since = c.req.query("updated_since");
    const updatedSince = since === undefined ? undefined : Date.parse(since);
    if (updatedSince !== undefined && Number.isNaN(updatedSince)) {
      throw new AppError("bad_request", "updated_since must be an ISO 8601 time, e.g. 2026-11-25T00:00:00Z");
    }
    const viewer = c.get("viewer");
    const { rows, total } = await feedPage(c.env.DB, viewer, {
      page,
      perPage,
      ...(status ? { status } : {}),
      ...(updatedSince !== undefined ? { updatedSince } : {}),
    });
    const facts = await feedFacts(
      c.env.DB,
      rows.map((r) => r.id),
    );
    c.header("cache-control", "no-store");
    return c.json({
      schema: JSON_SCHEMA,
      team: viewer.teamName,
      generatedAt: new Date().toISOString(),
      page,
      perPage,
      total,
      nextPage: page * perPage < total ? page + 1 : null,
      cases: rows.map((r) => caseRecord(r, facts.get(r.id), c.env.PUBLIC_BASE_URL)),
    });
  })
  .get("/api/v1/feeds/cases.csv", async (c) => {
    const date = c.req.query("date") ?? new Date().toISOString().slice(0, 10);
    const start = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
    if (Number.isNaN(start)) throw new AppError("bad_request", "date must be a day, YYYY-MM-DD (UTC)");
    const rows = await openDuring(c.env.DB, c.get("viewer"), start, start + 86_400_000, CSV_MAX_ROWS);
    const facts = await feedFacts(
      c.env.DB,
      rows.map((r) => r.id),
    );
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="indexwatch-cases-${date}.csv"`);
    c.header("x-indexwatch-schema", CSV_SCHEMA);
    c.header("cache-control", "no-store");
    return c.body(csvDocument(rows.map((r) => caseRecord(r, facts.get(r.id), c.env.PUBLIC_BASE_URL))));
  })
  .get("/api/v1/cases/:caseId/xarf", async (c) => {
    const caseId = c.req.param("caseId");
    const row = await visibleCase(c.env.DB, c.get("viewer"), caseId);
    if (!row) throw new AppError("not_found", "no such case in this team's constituency");
    const { evidence } = await caseDetail(c.env.DB, caseId);
    c.header("cache-control", "no-store");
    // The disclosure's own builder: the report a CERT pulls is the one attached to notices.
    return c.json(
      buildXarf(row, evidence, Date.now(), { ip: row.ip, country: row.country, baseUrl: c.env.PUBLIC_BASE_URL }),
    );
  });
