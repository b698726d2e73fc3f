import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { keyedHash } from "../../worker/src/auth/keyed-hash.ts";
import { verifyPassword } from "../../worker/src/auth/password.ts";
import { needsApproval } from "../../worker/src/db/approval.ts";
import { insertDisclosure } from "../../worker/src/disclose/store.ts";
import { initialState } from "../../worker/src/disclose/workflow.ts";
import { bindings, call, postForm, type SeededCase, type SeededTeam, seedCase, seedTeam } from "./cert-seed.ts";

const SERVER = (env as unknown as { LISTING_SERVER: string }).LISTING_SERVER;
const DAY = 86_400_000;

let se: SeededTeam;
let slow: SeededTeam;
let ops: SeededTeam;
let critical: SeededCase;
let hostile: SeededCase;
let old: SeededCase;

beforeAll(async () => {
  se = await seedTeam({ name: "CERT-SE", countries: ["SE"] });
  // The real cost: the password of this one is hashed with the production iteration count.
  slow = await seedTeam({ name: "CERT-DK", countries: ["DK"], iterations: 100_000 });
  ops = await seedTeam({ name: "Operators", operator: true });
  critical = await seedCase({ host: "clinic.example.test", format: "nginx", notices: ["pending", "sent"] });
  hostile = await seedCase({
    host: "apache.example.test",
    format: "apache-htmltable",
    severity: "high",
    status: "acknowledged",
    server: '<script>alert("server")</script>',
    samples: ["<img src=x onerror=alert(1)>.wav"],
  });
  old = await seedCase({
    host: "old.example.test",
    format: "nginx-json",
    severity: "medium",
    status: "verified",
    createdAt: Date.now() - 60 * DAY,
    location: { country: "SE", ip: "2001:db8::5", asn: 64501, source: "rdap-ip" },
  });
  await seedCase({
    host: "norway.example.test",
    location: { country: "NO", ip: "198.51.100.7", asn: 64510, source: "rdap-ip" },
  });
}, 60_000);

function cookieOf(res: Response, name: string): string | null {
  for (const c of res.headers.getSetCookie()) if (c.startsWith(`${name}=`)) return c;
  return null;
}

async function loginPage(): Promise<{ cookie: string; csrf: string }> {
  const res = await call("/cert/login");
  expect(res.status).toBe(200);
  const set = cookieOf(res, "__Host-iw_login");
  const csrf = /name="csrf" value="([^"]+)"/.exec(await res.text())?.[1];
  if (!set || !csrf) throw new Error("no login CSRF token");
  return { cookie: set.split(";")[0] ?? "", csrf };
}

describe("sign-in", () => {
  it("signs in with the password (PBKDF2, 100,000 rounds) and sets a HttpOnly, Secure, SameSite=Strict cookie", async () => {
    const row = await env.DB.prepare("SELECT password_hash FROM accounts WHERE login = ?1")
      .bind(slow.login)
      .first<{ password_hash: string }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(row?.password_hash).not.toContain(slow.password);
    expect(await verifyPassword(slow.password, row?.password_hash ?? "")).toBe(true);
    expect(await verifyPassword(`${slow.password}x`, row?.password_hash ?? "")).toBe(false);

    const page = await loginPage();
    const res = await postForm("/cert/login", page.cookie, {
      csrf: page.csrf,
      login: slow.login,
      password: slow.password,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cert");
    const session = cookieOf(res, "__Host-iw_session");
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).toMatch(/Path=\//);
    const value = session?.split(";")[0]?.split("=")[1] ?? "";
    // Only a keyed hash of the cookie is stored.
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE hash = ?1")
      .bind(value)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
    const queue = await call("/cert", { headers: { cookie: `__Host-iw_session=${value}` } });
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain("CERT-DK");
  }, 60_000);

  it("refuses a sign-in without the form's CSRF token, writing nothing", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM sessions").first<{ n: number }>();
    const page = await loginPage();
    const res = await postForm("/cert/login", page.cookie, { csrf: "forged", login: se.login, password: se.password });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const cross = await call("/cert/login", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: page.cookie,
        origin: "http://evil.example.test",
      },
      body: new URLSearchParams({ csrf: page.csrf, login: se.login, password: se.password }).toString(),
    });
    expect(cross.status).toBe(403);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM sessions").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  }, 60_000);

  it("answers a wrong password with 401 and, after five failures, 429 even for the right one", async () => {
    const victim = await seedTeam({ name: "CERT-FI", countries: ["FI"] });
    for (let i = 0; i < 5; i++) {
      const page = await loginPage();
      const res = await postForm("/cert/login", page.cookie, {
        csrf: page.csrf,
        login: victim.login,
        password: "wrong",
      });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("Wrong login or password");
    }
    const page = await loginPage();
    const res = await postForm("/cert/login", page.cookie, {
      csrf: page.csrf,
      login: victim.login,
      password: victim.password,
    });
    expect(res.status).toBe(429);
    expect(cookieOf(res, "__Host-iw_session")).toBeNull();
    // An unknown login fails the same way as a wrong password.
    const p2 = await loginPage();
    const unknown = await postForm("/cert/login", p2.cookie, { csrf: p2.csrf, login: "nobody", password: "x" });
    expect(unknown.status).toBe(401);
  }, 60_000);

  it("sends a browser without a session to the sign-in page, and signs out for good", async () => {
    const anon = await call("/cert", { redirect: "manual" });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/cert/login");
    const t = await seedTeam({ name: "CERT-IS", countries: ["IS"] });
    expect((await call("/cert", { headers: { cookie: t.cookie } })).status).toBe(200);
    const noCsrf = await postForm("/cert/logout", t.cookie, {});
    expect(noCsrf.status).toBe(403);
    const out = await postForm("/cert/logout", t.cookie, { csrf: t.csrf });
    expect(out.status).toBe(303);
    expect(cookieOf(out, "__Host-iw_session")).toMatch(/Max-Age=0/i);
    expect((await call("/cert", { headers: { cookie: t.cookie }, redirect: "manual" })).status).toBe(303);
  }, 60_000);
});

async function page(team: SeededTeam, query = ""): Promise<string> {
  const res = await call(`/cert${query}`, { headers: { cookie: team.cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

function listed(html: string): string[] {
  return [...html.matchAll(/data-case="([^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("the queue", () => {
  it("serves no script, under a strict CSP", async () => {
    const res = await call("/cert", { headers: { cookie: se.cookie } });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/ style=/);
    const css = await call("/cert/assets/style.css");
    expect(css.headers.get("content-type")).toContain("text/css");
  }, 60_000);

  it("shows the team's cases with counts per state and a weekly chart", async () => {
    const html = await page(se);
    expect(new Set(listed(html))).toEqual(new Set([critical.id, hostile.id, old.id]));
    expect(html).toMatch(/data-status="notified">notified<\/a> <strong>1<\/strong>/);
    expect(html).toMatch(/data-status="acknowledged">acknowledged<\/a> <strong>1<\/strong>/);
    expect(html).toContain("<svg");
    // The 60-day-old case is in the chart's twelve weeks; the bars add up to the three cases.
    const bars = [...html.matchAll(/data-n="(\d+)"/g)].reduce((a, m) => a + Number(m[1]), 0);
    expect(bars).toBe(3);
  }, 60_000);

  it("filters by status, severity, country, age and server type", async () => {
    expect(listed(await page(se, "?status=acknowledged"))).toEqual([hostile.id]);
    expect(listed(await page(se, "?severity=medium"))).toEqual([old.id]);
    expect(listed(await page(se, "?age=7")).sort()).toEqual([critical.id, hostile.id].sort());
    expect(listed(await page(se, "?server=apache"))).toEqual([hostile.id]);
    expect(listed(await page(se, "?server=nginx")).sort()).toEqual([critical.id, old.id].sort());
    expect(listed(await page(ops, "?country=NO"))).toHaveLength(1);
    expect(listed(await page(se, "?country=NO"))).toEqual([]);
  }, 60_000);

  it("sorts and paginates", async () => {
    expect(listed(await page(se, "?sort=oldest"))[0]).toBe(old.id);
    expect(listed(await page(se, "?sort=severity"))[0]).toBe(critical.id);
    const many = await seedTeam({ name: "CERT-EE", countries: ["EE"] });
    for (let i = 0; i < 27; i++) {
      await seedCase({
        host: `h${i}.example.test`,
        location: { country: "EE", ip: null, asn: null, source: "cctld" },
        createdAt: Date.now() - i * 60_000,
      });
    }
    const first = await page(many);
    expect(listed(first)).toHaveLength(25);
    expect(first).toContain("Page 1 of 2");
    const second = await page(many, "?page=2");
    expect(listed(second)).toHaveLength(2);
    expect(new Set([...listed(first), ...listed(second)]).size).toBe(27);
  }, 60_000);

  it("answers a filter value outside its menu with a JSON 400", async () => {
    for (const q of ["?severity=urgent", "?age=5", "?sort=random", "?country=sweden", "?page=0"]) {
      const res = await call(`/cert${q}`, { headers: { cookie: se.cookie } });
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
  }, 60_000);
});

describe("a case", () => {
  it("shows evidence, timeline, contacts with their source, the outbox and the owner's answers", async () => {
    await env.DB.prepare(
      "INSERT INTO events (case_id, at, type, actor, data_json) VALUES (?1, ?2, 'acknowledged', 'owner', '{\"note\":\"on it\"}')",
    )
      .bind(critical.id, Date.now())
      .run();
    const res = await call(`/cert/cases/${critical.id}`, { headers: { cookie: se.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(critical.root);
    expect(html).toContain("1480 audio files named like call recordings");
    expect(html).toContain("security@clinic.example.test");
    expect(html).toContain("security.txt");
    expect(html).toMatch(/data-notification="pending"/);
    expect(html).toMatch(/data-notification="sent"/);
    expect(html).toMatch(/data-event="owner_notified"/);
    expect(html).toContain("on it");
    expect(html).toContain(" UTC</time>");
  }, 60_000);

  it("escapes what came from the listing's server", async () => {
    const html = await (await call(`/cert/cases/${hostile.id}`, { headers: { cookie: se.cookie } })).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;.wav");
  }, 60_000);
});

async function act(team: SeededTeam, c: SeededCase, action: string, extra: Record<string, string> = {}) {
  return postForm(`/cert/cases/${c.id}/actions`, team.cookie, { csrf: team.csrf, action, ...extra });
}

async function notices(caseId: string): Promise<string[]> {
  const r = await env.DB.prepare("SELECT status FROM notifications WHERE case_id = ?1 ORDER BY idempotency_key")
    .bind(caseId)
    .all<{ status: string }>();
  return r.results.map((x) => x.status);
}

async function lastEvent(caseId: string) {
  return env.DB.prepare("SELECT type, actor, data_json FROM events WHERE case_id = ?1 ORDER BY id DESC LIMIT 1")
    .bind(caseId)
    .first<{ type: string; actor: string; data_json: string }>();
}

describe("actions", () => {
  it("holds and approves notices, each recorded as the team's event", async () => {
    const c = await seedCase({ host: "hold.example.test", notices: ["pending", "pending", "sent"] });
    const held = await act(se, c, "hold");
    expect(held.status).toBe(303);
    expect(held.headers.get("location")).toBe(`/cert/cases/${c.id}?done=hold`);
    expect(await notices(c.id)).toEqual(["held", "held", "sent"]);
    expect(await lastEvent(c.id)).toEqual({
      type: "notices_held",
      actor: `team:${se.id}`,
      data_json: JSON.stringify({ account: se.login }),
    });
    await act(se, c, "approve");
    expect(await notices(c.id)).toEqual(["pending", "pending", "sent"]);
    expect((await lastEvent(c.id))?.type).toBe("notices_approved");
  }, 60_000);

  it("records escalation requests and notes, and closes as false positive or intentionally public", async () => {
    const c = await seedCase({ host: "close.example.test" });
    await act(se, c, "escalate");
    expect(await lastEvent(c.id)).toMatchObject({ type: "escalation_requested", actor: `team:${se.id}` });
    await act(se, c, "note", { text: "Called the clinic <b>today</b>" });
    expect(JSON.parse((await lastEvent(c.id))?.data_json ?? "{}")).toEqual({
      account: se.login,
      text: "Called the clinic <b>today</b>",
    });
    const html = await (await call(`/cert/cases/${c.id}`, { headers: { cookie: se.cookie } })).text();
    expect(html).not.toContain("<b>today</b>");
    // The timeline names the team that acted.
    expect(html).toMatch(/data-event="note"><td>.*?<\/td><td>note<\/td><td>CERT-SE<\/td>/);
    await act(se, c, "close_false_positive");
    const row = await env.DB.prepare("SELECT status, closed_at FROM cases WHERE id = ?1").bind(c.id).first<{
      status: string;
      closed_at: number | null;
    }>();
    expect(row?.status).toBe("closed");
    expect(row?.closed_at).toBeTypeOf("number");
    expect(JSON.parse((await lastEvent(c.id))?.data_json ?? "{}")).toMatchObject({ reason: "false_positive" });
    expect(await notices(c.id)).toEqual(["held"]);
    // A closed case takes notes only.
    expect((await act(se, c, "approve")).status).toBe(400);
    expect((await act(se, c, "note", { text: "closed after a call" })).status).toBe(303);

    const p = await seedCase({ host: "public.example.test" });
    await act(se, p, "close_public");
    expect(JSON.parse((await lastEvent(p.id))?.data_json ?? "{}")).toMatchObject({ reason: "intentionally_public" });
  }, 60_000);

  it("re-checks the listing now (a real server on 127.0.0.1)", async () => {
    const url = new URL(SERVER);
    const c = await seedCase({ host: url.host, path: "/medicall/2013/04/09/" });
    const res = await act(se, c, "recheck");
    expect(res.status).toBe(303);
    const types = (
      await env.DB.prepare("SELECT type, actor FROM events WHERE case_id = ?1 ORDER BY id").bind(c.id).all<{
        type: string;
        actor: string;
      }>()
    ).results;
    expect(types.at(-2)).toEqual({ type: "recheck_requested", actor: `team:${se.id}` });
    expect(types.at(-1)?.type).toBe("rechecked");
    const evidence = await env.DB.prepare("SELECT count(*) AS n FROM evidence WHERE case_id = ?1")
      .bind(c.id)
      .first<{ n: number }>();
    expect(evidence?.n).toBe(2);
  }, 60_000);

  it("feeds a re-check to the disclosure workflow: a listing that is gone counts toward closing", async () => {
    const url = new URL(SERVER);
    const c = await seedCase({ host: url.host, path: "/gone/" });
    const now = Date.now();
    await insertDisclosure(env.DB, c.id, { ...initialState(true), phase: "notified", t0: now - DAY }, now - DAY).run();
    expect((await act(se, c, "recheck")).status).toBe(303);
    const state = await env.DB.prepare("SELECT state_json FROM disclosures WHERE case_id = ?1")
      .bind(c.id)
      .first<{ state_json: string }>();
    expect((JSON.parse(state?.state_json ?? "{}") as { negatives: number[] }).negatives).toHaveLength(1);
    expect(await lastEvent(c.id)).toMatchObject({ type: "fixed", actor: `team:${se.id}` });
  }, 60_000);

  it("escalates through the disclosure workflow now, and stops its disclosure when a team closes the case", async () => {
    const c = await seedCase({ host: "escalate.example.test" });
    const now = Date.now();
    const state = {
      ...initialState(false),
      phase: "notified" as const,
      t0: now - DAY,
      reachable: { owner: true, hoster: true, cert: true },
    };
    await insertDisclosure(env.DB, c.id, state, now - DAY).run();
    expect((await act(se, c, "escalate")).status).toBe(303);
    const escalated = await env.DB.prepare(
      "SELECT actor, data_json FROM events WHERE case_id = ?1 AND type = 'escalated' ORDER BY id",
    )
      .bind(c.id)
      .all<{ actor: string; data_json: string }>();
    expect(escalated.results).toEqual([
      { actor: `team:${se.id}`, data_json: '{"to":"hoster"}' },
      { actor: `team:${se.id}`, data_json: '{"to":"cert"}' },
    ]);
    expect((await act(se, c, "close_public")).status).toBe(303);
    const d = await env.DB.prepare("SELECT phase FROM disclosures WHERE case_id = ?1")
      .bind(c.id)
      .first<{ phase: string }>();
    expect(d?.phase).toBe("closed");
    expect(await lastEvent(c.id)).toMatchObject({ type: "disclosure_stopped", actor: `team:${se.id}` });
  }, 60_000);

  it("refuses an action without the CSRF token, an unknown action and an empty note, changing nothing", async () => {
    const c = await seedCase({ host: "csrf.example.test" });
    const count = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM events WHERE case_id = ?1").bind(c.id).first<{ n: number }>())
        ?.n;
    const before = await count();
    expect((await postForm(`/cert/cases/${c.id}/actions`, se.cookie, { action: "hold" })).status).toBe(403);
    expect((await act(se, c, "delete")).status).toBe(400);
    expect((await act(se, c, "note", { text: "  " })).status).toBe(400);
    expect((await act(se, c, "note", { text: "x".repeat(2001) })).status).toBe(400);
    expect((await act(se, c, "note", { text: "x".repeat(20_000) })).status).toBe(413);
    expect(await count()).toBe(before);
    expect(await notices(c.id)).toEqual(["pending"]);
  }, 60_000);
});

describe("approval before sending", () => {
  it("needsApproval is true exactly for cases in the constituency of a team that requires it", async () => {
    await seedTeam({ name: "CERT-LT", countries: ["LT"], requiresApproval: true });
    await seedTeam({ name: "Operators-2", operator: true, requiresApproval: true });
    const lt = await seedCase({
      host: "lt.example.test",
      location: { country: "LT", ip: null, asn: null, source: "cctld" },
    });
    const lv = await seedCase({
      host: "lv.example.test",
      location: { country: "LV", ip: null, asn: null, source: "cctld" },
    });
    const none = await seedCase({ host: "nowhere.example.test", location: null });
    expect(await needsApproval(env.DB, lt.id)).toBe(true);
    expect(await needsApproval(env.DB, lv.id)).toBe(false);
    expect(await needsApproval(env.DB, none.id)).toBe(false);
  }, 60_000);
});

describe("a person's API tokens", () => {
  async function create(team: SeededTeam): Promise<string> {
    const res = await postForm("/cert/tokens", team.cookie, { csrf: team.csrf });
    expect(res.status).toBe(200);
    const token = /data-testid="new-token">(iwt_[A-Za-z0-9_-]{43})</.exec(await res.text())?.[1];
    if (!token) throw new Error("no token shown");
    return token;
  }
  const feed = (token: string) => call("/api/v1/feeds/cases.json", { headers: { authorization: `Bearer ${token}` } });

  it("makes a token shown once, that opens the team's feeds, and revokes it", async () => {
    const t = await seedTeam({ name: "CERT-NL", countries: ["NL"] });
    const token = await create(t);
    expect((await feed(token)).status).toBe(200);
    const hash = await keyedHash(bindings.AUTH_SECRET, token);
    const list = await (await call("/cert/tokens", { headers: { cookie: t.cookie } })).text();
    expect(list).not.toContain(token);
    expect(list).toContain(hash.slice(0, 12));
    const row = await env.DB.prepare(
      "SELECT a.login FROM tokens k JOIN accounts a ON a.id = k.account_id WHERE k.hash = ?1",
    )
      .bind(hash)
      .first<{ login: string }>();
    expect(row?.login).toBe(t.login);
    expect((await postForm("/cert/tokens/revoke", t.cookie, { id: hash })).status).toBe(403);
    const revoked = await postForm("/cert/tokens/revoke", t.cookie, { csrf: t.csrf, id: hash });
    expect(revoked.status).toBe(303);
    expect((await feed(token)).status).toBe(401);
  }, 60_000);

  it("cannot revoke another person's token, and stops at ten", async () => {
    const a = await seedTeam({ name: "CERT-BE", countries: ["BE"] });
    const b = await seedTeam({ name: "CERT-LU", countries: ["LU"] });
    const token = await create(a);
    const hash = await keyedHash(bindings.AUTH_SECRET, token);
    const other = await postForm("/cert/tokens/revoke", b.cookie, { csrf: b.csrf, id: hash });
    expect(other.status).toBe(404);
    expect((await feed(token)).status).toBe(200);
    for (let i = 1; i < 10; i++) await create(a);
    const eleventh = await postForm("/cert/tokens", a.cookie, { csrf: a.csrf });
    expect(eleventh.status).toBe(400);
  }, 60_000);
});
