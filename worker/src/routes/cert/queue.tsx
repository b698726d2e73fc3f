/** @jsxImportSource hono/jsx */
// The queue: the team's cases with filters (status, severity, country, age, server type),
// sorting, pagination, counts per state and a weekly chart.
import { Hono } from "hono";
import { type CertEnv, requireSession } from "../../auth/session.ts";
import {
  countsByStatus,
  facets,
  type QueueFilter,
  queuePage,
  SEVERITIES,
  SORTS,
  type Sort,
  weeklyByStatus,
} from "../../db/cert-cases.ts";
import { AppError } from "../../errors.ts";
import { WeeklyChart } from "./chart.tsx";
import { Layout, Severity, When } from "./layout.tsx";

export const PER_PAGE = 25;
const AGES = ["1", "7", "30", "90"] as const;
const WEEKS = 12;

/** Reads and checks the query; a value outside its menu is a 400, not a silent default. */
export function readFilter(q: Record<string, string>): QueueFilter {
  const f: QueueFilter = { sort: "newest", page: 1, perPage: PER_PAGE };
  const bad = (name: string) => new AppError("bad_request", `${name}: not one of the offered values`);
  if (q.status) {
    if (!/^[a-z_]{1,40}$/.test(q.status)) throw bad("status");
    f.status = q.status;
  }
  if (q.severity) {
    if (!(SEVERITIES as readonly string[]).includes(q.severity)) throw bad("severity");
    f.severity = q.severity;
  }
  if (q.country) {
    if (!/^[A-Z]{2}$/.test(q.country)) throw bad("country");
    f.country = q.country;
  }
  if (q.age) {
    if (!(AGES as readonly string[]).includes(q.age)) throw bad("age");
    f.ageDays = Number(q.age);
  }
  if (q.server) {
    if (!/^[a-z0-9]{1,30}$/.test(q.server)) throw bad("server");
    f.server = q.server;
  }
  if (q.sort) {
    if (!(SORTS as readonly string[]).includes(q.sort)) throw bad("sort");
    f.sort = q.sort as Sort;
  }
  if (q.page) {
    if (!/^\d{1,6}$/.test(q.page) || Number(q.page) < 1) throw bad("page");
    f.page = Number(q.page);
  }
  return f;
}

function link(q: Record<string, string>, change: Record<string, string>): string {
  const p = new URLSearchParams({ ...q, ...change });
  for (const [k, v] of [...p]) if (v === "") p.delete(k);
  const s = p.toString();
  return s ? `/cert?${s}` : "/cert";
}

function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (string | [string, string])[];
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">any</option>
        {props.options.map((o) => {
          const [v, text] = typeof o === "string" ? [o, o] : o;
          return (
            <option value={v} selected={props.value === v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}

export const queue = new Hono<CertEnv>().get("/cert", requireSession, async (c) => {
  const q = c.req.query();
  const f = readFilter(q);
  const viewer = c.get("viewer");
  const now = Date.now();
  const [{ rows, total }, counts, menus, weekly] = await Promise.all([
    queuePage(c.env.DB, viewer, f, now),
    countsByStatus(c.env.DB, viewer),
    facets(c.env.DB, viewer),
    weeklyByStatus(c.env.DB, viewer, now, WEEKS),
  ]);
  const pages = Math.max(1, Math.ceil(total / f.perPage));
  return c.html(
    <Layout title="Queue" viewer={viewer} csrf={c.get("csrf")}>
      <h1>Cases in {viewer.operator ? "every constituency" : `the constituency of ${viewer.teamName}`}</h1>
      <ul class="counts" aria-label="Cases per state">
        {[...counts].map(([status, n]) => (
          <li>
            <a href={link({}, { status })} data-status={status}>
              {status}
            </a>{" "}
            <strong>{String(n)}</strong>
          </li>
        ))}
      </ul>
      <WeeklyChart data={weekly} now={now} weeks={WEEKS} />
      <form class="filters" method="get" action="/cert">
        <Select name="status" label="Status" value={f.status} options={[...counts.keys()]} />
        <Select name="severity" label="Severity" value={f.severity} options={SEVERITIES} />
        <Select name="country" label="Country" value={f.country} options={menus.countries} />
        <Select
          name="age"
          label="Opened"
          value={q.age}
          options={AGES.map((a): [string, string] => [a, a === "1" ? "last day" : `last ${a} days`])}
        />
        <Select name="server" label="Server" value={f.server} options={menus.formats} />
        <label>
          Sort
          <select name="sort">
            {SORTS.map((s) => (
              <option value={s} selected={f.sort === s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
        <a href="/cert">Clear</a>
      </form>
      <p>
        {String(total)} case{total === 1 ? "" : "s"}
      </p>
      <table>
        <thead>
          <tr>
            <th>Listing</th>
            <th>Severity</th>
            <th>Status</th>
            <th>Country</th>
            <th>Server</th>
            <th class="num">Reports</th>
            <th>Opened</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-case={r.id}>
              <td class="url">
                <a href={`/cert/cases/${encodeURIComponent(r.id)}`}>{r.listing_root}</a>
              </td>
              <td>
                <Severity value={r.severity} />
              </td>
              <td>{r.status}</td>
              <td>{r.country ?? "—"}</td>
              <td>{r.format}</td>
              <td class="num">{String(r.reports)}</td>
              <td>
                <When ms={r.created_at} />
              </td>
              <td>
                <When ms={r.updated_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        {f.page > 1 ? <a href={link(q, { page: String(f.page - 1) })}>← Previous</a> : null}
        <span>
          Page {String(f.page)} of {String(pages)}
        </span>
        {f.page < pages ? <a href={link(q, { page: String(f.page + 1) })}>Next →</a> : null}
      </nav>
    </Layout>,
  );
});
