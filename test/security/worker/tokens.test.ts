// Tokens: every route that takes one — the reporter's status token, the owner's link and its
// form token, a team's API token, a dashboard session and its form token, the sign-in form's
// token — refuses forged, tampered, wrong-length, expired, revoked, other-case, other-team and
// wrong-purpose tokens with its documented answer, and a refused request changes nothing in D1.
// The routes come from the Hono app itself: a route added without an entry here fails the test.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../../worker/src/app.ts";
import { keyedHash, newSecret } from "../../../worker/src/auth/keyed-hash.ts";
import { insertDisclosure } from "../../../worker/src/disclose/store.ts";
import { initialState } from "../../../worker/src/disclose/workflow.ts";
import { LOGIN_COOKIE } from "../../../worker/src/routes/cert/login.tsx";
import { hashToken, newToken } from "../../../worker/src/security/tokens.ts";
import { bindings, call, type SeededCase, type SeededTeam, seedCase, seedTeam } from "../../worker/cert-seed.ts";
import { figure } from "../figure.ts";
import { delta, snapshot } from "./db-snapshot.ts";
import { forgedVariants, type Variant } from "./token-variants.ts";

/** What opens a route. */
type Family =
  /** Middleware only: the routes behind it are listed on their own. */
  | "middleware"
  /** Opens with no token (the intake's proof of work is fuzzed in fuzz-reports.test.ts). */
  | "none"
  /** The reporter's status token, `Authorization: Bearer`. */
  | "status"
  /** The owner's link token in the path; its forms add a double-submit CSRF token. */
  | "owner"
  /** A team API token, `Authorization: Bearer iwt_…`. */
  | "team-token"
  /** A dashboard session cookie; its forms add the session's CSRF token. */
  | "session"
  /** The sign-in form: a CSRF token mirrored in a cookie. */
  | "login-csrf";

const ROUTES_TABLE: Record<string, Family> = {
  "ALL /*": "middleware",
  "ALL /api/v1/feeds/*": "middleware",
  "ALL /api/v1/cases/:caseId/xarf": "middleware",
  "ALL /cert": "middleware",
  "ALL /cert/*": "middleware",
  "ALL /o/*": "middleware",
  "GET /": "none",
  "GET /api/v1/health": "none",
  "GET /api/v1/challenge": "none",
  "POST /api/v1/reports": "none",
  "GET /cert/assets/style.css": "none",
  "GET /cert/login": "none",
  "POST /cert/login": "login-csrf",
  "POST /cert/logout": "session",
  "GET /api/v1/reports/:caseId": "status",
  "GET /o/:token": "owner",
  "POST /o/:token/:action": "owner",
  "GET /api/v1/feeds/cases.json": "team-token",
  "GET /api/v1/feeds/cases.csv": "team-token",
  "GET /api/v1/cases/:caseId/xarf": "team-token",
  "GET /cert": "session",
  "GET /cert/cases/:caseId": "session",
  "POST /cert/cases/:caseId/actions": "session",
  "GET /cert/tokens": "session",
  "POST /cert/tokens": "session",
  "POST /cert/tokens/revoke": "session",
};

const ROUTES = [...new Set(app.routes.map((r) => `${r.method} ${r.path}`))];
const TOKEN_ROUTES = ROUTES.filter((r) => !["middleware", "none"].includes(ROUTES_TABLE[r] ?? "none"));
const ORIGIN = "http://indexwatch.test";
const method = (route: string) => route.slice(0, route.indexOf(" "));
const pathOf = (route: string) => route.slice(route.indexOf(" ") + 1);

/** Wrong tokens tried per route, and how many were refused as documented. */
const tried = new Map<string, number>();
const refusedCount = new Map<string, number>();
let accepted = 0;

interface Want {
  status: number;
  /** The JSON error code; undefined for answers that are not the API's JSON error. */
  code?: string;
  /** A redirect's Location. */
  location?: string;
}

/** Sends a request that must be refused as `want` says, and checks that D1 did not change. */
async function refused(route: string, kind: string, path: string, init: RequestInit, want: Want): Promise<void> {
  const before = await snapshot();
  const res = await call(path, { redirect: "manual", ...init });
  const body = await res.text();
  const after = await snapshot();
  const label = `${route} with ${kind}: ${res.status} ${body.slice(0, 200)}`;
  tried.set(route, (tried.get(route) ?? 0) + 1);
  if (res.status < 300 || (res.status >= 300 && res.status < 400 && want.location === undefined)) accepted++;
  expect(res.status, label).toBe(want.status);
  if (want.code !== undefined) {
    expect(res.headers.get("content-type"), label).toMatch(/^application\/json/);
    const err = (JSON.parse(body) as { error: { code: string; message: string; requestId: string } }).error;
    expect(err.code, label).toBe(want.code);
    expect(err.message.length, label).toBeGreaterThan(0);
    expect(typeof err.requestId, label).toBe("string");
  }
  if (want.location !== undefined) expect(res.headers.get("location"), label).toBe(want.location);
  expect(delta(before, after), `${label}: D1 changed`).toEqual({});
  refusedCount.set(route, (refusedCount.get(route) ?? 0) + 1);
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A form post as the dashboard's or the owner page's own origin sends it. */
function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  };
}

let se: SeededTeam;
let no: SeededTeam;
/** A team whose account is disabled after it made a session and an API token. */
let gone: SeededTeam & { accountToken: string };
let caseSe: SeededCase;
let caseNo: SeededCase;
const tokens: Record<string, string> = {};

async function insertToken(
  hash: string,
  purpose: string,
  ref: { caseId?: string; teamId?: string },
  expiresAt: number | null,
) {
  await env.DB.prepare(
    "INSERT INTO tokens (hash, purpose, case_id, team_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  )
    .bind(hash, purpose, ref.caseId ?? null, ref.teamId ?? null, Date.now() - 86_400_000, expiresAt)
    .run();
}

async function accountOf(team: SeededTeam): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM accounts WHERE team_id = ?1").bind(team.id).first<{ id: string }>();
  if (!row) throw new Error("no account");
  return row.id;
}

async function insertSession(team: SeededTeam, expiresAt: number): Promise<string> {
  const secret = newSecret();
  await env.DB.prepare(
    "INSERT INTO sessions (hash, account_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
  )
    .bind(
      await keyedHash(bindings.AUTH_SECRET, secret),
      await accountOf(team),
      newSecret(),
      Date.now() - 3_600_000,
      expiresAt,
    )
    .run();
  return secret;
}

/** A new API token made on the dashboard by a signed-in person. */
async function dashboardToken(team: SeededTeam): Promise<string> {
  const res = await call("/cert/tokens", form({ csrf: team.csrf }, { cookie: team.cookie }));
  const token = /data-testid="new-token">(iwt_[^<]+)</.exec(await res.text())?.[1];
  if (!token) throw new Error("no token made");
  return token;
}

beforeAll(async () => {
  se = await seedTeam({ name: "Token-CERT-SE", countries: ["SE"] });
  no = await seedTeam({ name: "Token-CERT-NO", countries: ["NO"] });
  const g = await seedTeam({ name: "Token-CERT-Gone", countries: ["SE"] });
  gone = { ...g, accountToken: await dashboardToken(g) };
  await env.DB.prepare("UPDATE accounts SET disabled_at = ?1 WHERE team_id = ?2").bind(Date.now(), g.id).run();
  caseSe = await seedCase({
    host: "tokens-se.example.test",
    location: { country: "SE", ip: "192.0.2.40", asn: 64500, source: "rdap-ip" },
  });
  caseNo = await seedCase({
    host: "tokens-no.example.test",
    location: { country: "NO", ip: "198.51.100.40", asn: 64510, source: "rdap-ip" },
  });
  const now = Date.now();
  for (const c of [caseSe, caseNo]) {
    await insertDisclosure(env.DB, c.id, initialState(true), now).run();
  }
  const make = async (
    name: string,
    purpose: string,
    ref: { caseId?: string; teamId?: string },
    expiresAt: number | null,
  ) => {
    const t = purpose === "team" ? newSecret("iwt_") : newToken();
    await insertToken(
      purpose === "team" ? await keyedHash(bindings.AUTH_SECRET, t) : await hashToken(t),
      purpose,
      ref,
      expiresAt,
    );
    tokens[name] = t;
  };
  await make("statusSe", "status", { caseId: caseSe.id }, null);
  await make("statusNo", "status", { caseId: caseNo.id }, null);
  await make("ownerSe", "owner", { caseId: caseSe.id }, now + 86_400_000);
  await make("ownerSeExpired", "owner", { caseId: caseSe.id }, now - 1000);
  await make("ownerNo", "owner", { caseId: caseNo.id }, now + 86_400_000);
  await make("teamSeExpired", "team", { teamId: se.id }, now - 1000);
  // Revoked on the dashboard by the person who made it.
  tokens.teamSeRevoked = await dashboardToken(se);
  const revoke = await call(
    "/cert/tokens/revoke",
    form({ csrf: se.csrf, id: await keyedHash(bindings.AUTH_SECRET, tokens.teamSeRevoked) }, { cookie: se.cookie }),
  );
  expect(revoke.status).toBe(303);
  tokens.sessionSeExpired = await insertSession(se, now - 1000);
  // Signed out: the session's row is gone, its cookie stays in an attacker's hands.
  const out = await insertSession(se, now + 3_600_000);
  const outCsrf = (
    await env.DB.prepare("SELECT csrf FROM sessions WHERE hash = ?1")
      .bind(await keyedHash(bindings.AUTH_SECRET, out))
      .first<{ csrf: string }>()
  )?.csrf;
  const logout = await call("/cert/logout", form({ csrf: outCsrf ?? "" }, { cookie: `__Host-iw_session=${out}` }));
  expect(logout.status).toBe(303);
  tokens.sessionSeLoggedOut = out;
}, 60_000);

const sessionSecret = (t: SeededTeam) => t.cookie.slice(t.cookie.indexOf("=") + 1);

describe("token-taking routes", () => {
  it("has an entry for every route the Worker serves", () => {
    expect(ROUTES.length).toBeGreaterThan(10);
    expect(
      ROUTES.filter((r) => !(r in ROUTES_TABLE)),
      "routes without a token entry",
    ).toEqual([]);
    expect(
      Object.keys(ROUTES_TABLE).filter((r) => !ROUTES.includes(r)),
      "entries for routes that are gone",
    ).toEqual([]);
  });

  it("routes said to take no token answer without one", async () => {
    for (const route of ROUTES.filter((r) => ROUTES_TABLE[r] === "none")) {
      const res = await call(pathOf(route), { method: method(route), redirect: "manual" });
      expect(res.status, route).not.toBe(401);
      expect(res.status === 303 && res.headers.get("location") === "/cert/login", route).toBe(false);
      expect([403, 404], route).not.toContain(res.status);
    }
  });

  it("the reporter's status token: wrong, other case's or other kinds of tokens get the same 401", async () => {
    const route = "GET /api/v1/reports/:caseId";
    const path = `/api/v1/reports/${caseSe.id}`;
    const ok = await call(path, { headers: bearer(tokens.statusSe as string) });
    expect(ok.status).toBe(200);
    const want = { status: 401, code: "unauthorized" };
    const variants: Variant[] = [
      ...forgedVariants(tokens.statusSe as string),
      { kind: "other case's status token", token: tokens.statusNo as string },
      { kind: "the case's owner token", token: tokens.ownerSe as string },
      { kind: "a team API token", token: se.token },
      { kind: "a dashboard session", token: sessionSecret(se) },
    ];
    for (const v of variants) await refused(route, v.kind, path, { headers: bearer(v.token) }, want);
    await refused(route, "no Authorization", path, {}, want);
    await refused(route, "another scheme", path, { headers: { authorization: `Basic ${tokens.statusSe}` } }, want);
    await refused(route, "as a cookie", path, { headers: { cookie: `token=${tokens.statusSe}` } }, want);
    // The right token on another case, an unknown case and odd case ids.
    for (const id of [caseNo.id, crypto.randomUUID(), caseSe.id.toUpperCase(), `${caseSe.id}%00`, "..%2F..%2Fcert"]) {
      await refused(
        route,
        `case id ${id}`,
        `/api/v1/reports/${id}`,
        { headers: bearer(tokens.statusSe as string) },
        want,
      );
    }
  });

  it("the owner's link: wrong, expired and other kinds of tokens get the same 404, and nothing is written", async () => {
    const page = await call(`/o/${tokens.ownerSe}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(csrf.length).toBeGreaterThan(20);
    const variants: Variant[] = [
      ...forgedVariants(tokens.ownerSe as string, "", false),
      { kind: "expired owner token", token: tokens.ownerSeExpired as string },
      { kind: "the case's status token", token: tokens.statusSe as string },
      { kind: "a team API token", token: se.token },
      { kind: "a dashboard session", token: sessionSecret(se) },
      { kind: "the case id", token: caseSe.id },
    ];
    const want = { status: 404, code: "not_found" };
    for (const v of variants) {
      const t = encodeURIComponent(v.token);
      await refused("GET /o/:token", v.kind, `/o/${t}`, {}, want);
      for (const action of ["acknowledge", "fixed", "dispute", "public", "preferences"]) {
        await refused(
          "POST /o/:token/:action",
          `${v.kind} (${action})`,
          `/o/${t}/${action}`,
          form({ csrf, reason: "not mine", language: "en" }, { cookie }),
          want,
        );
      }
    }
    // The right link with a wrong form token: 403, and no answer recorded.
    const forbidden = { status: 403, code: "forbidden" };
    const path = `/o/${tokens.ownerSe}/acknowledge`;
    const csrfCases: [string, RequestInit][] = [
      ["a forged form token", form({ csrf: newToken() }, { cookie })],
      ["no form token", form({}, { cookie })],
      ["no form cookie", form({ csrf })],
      ["a form token of another cookie", form({ csrf: newToken() }, { cookie: `iw_owner_csrf=${newToken()}` })],
      [
        "a form token one character off",
        form({ csrf: `${csrf.slice(0, -1)}${csrf.endsWith("A") ? "B" : "A"}` }, { cookie }),
      ],
      ["another site's page", form({ csrf }, { cookie, "sec-fetch-site": "cross-site" })],
      ["another origin", form({ csrf }, { cookie, origin: "http://attacker.example.com", "sec-fetch-site": "" })],
    ];
    for (const [kind, init] of csrfCases) await refused("POST /o/:token/:action", kind, path, init, forbidden);
    // And the right link and form token work (so the refusals above are the tokens' doing).
    const ok = await call(path, { ...form({ csrf }, { cookie }), redirect: "manual" });
    expect(ok.status).toBe(303);
  });

  it("team API tokens: forged, expired, revoked and a disabled person's get 401; another team's case is a 404", async () => {
    const feeds = ["GET /api/v1/feeds/cases.json", "GET /api/v1/feeds/cases.csv", "GET /api/v1/cases/:caseId/xarf"];
    const want = { status: 401, code: "unauthorized" };
    const variants: Variant[] = [
      ...forgedVariants(se.token, "iwt_"),
      { kind: "expired team token", token: tokens.teamSeExpired as string },
      { kind: "revoked team token", token: tokens.teamSeRevoked as string },
      { kind: "a disabled person's token", token: gone.accountToken },
      { kind: "a status token", token: tokens.statusSe as string },
      { kind: "an owner token", token: tokens.ownerSe as string },
      { kind: "a dashboard session", token: sessionSecret(se) },
    ];
    for (const route of feeds) {
      const path = pathOf(route).replace(":caseId", caseSe.id);
      expect((await call(path, { headers: bearer(se.token) })).status, route).toBe(200);
      for (const v of variants) await refused(route, v.kind, path, { headers: bearer(v.token) }, want);
      await refused(route, "no Authorization", path, {}, want);
      await refused(route, "the session cookie instead", path, { headers: { cookie: se.cookie } }, want);
      await refused(route, "another scheme", path, { headers: { authorization: `Token ${se.token}` } }, want);
    }
    // Another team's token: a case outside its constituency looks like no case at all.
    await refused(
      "GET /api/v1/cases/:caseId/xarf",
      "another team's token",
      `/api/v1/cases/${caseSe.id}/xarf`,
      { headers: bearer(no.token) },
      { status: 404, code: "not_found" },
    );
  });

  it("dashboard sessions: forged, expired, signed-out and a disabled person's are refused; another team's case is a 404", async () => {
    const routes = ROUTES.filter((r) => ROUTES_TABLE[r] === "session");
    const variants: Variant[] = [
      ...forgedVariants(sessionSecret(se)),
      { kind: "expired session", token: tokens.sessionSeExpired as string },
      { kind: "signed-out session", token: tokens.sessionSeLoggedOut as string },
      { kind: "a disabled person's session", token: sessionSecret(gone) },
      { kind: "a team API token", token: se.token },
      { kind: "a status token", token: tokens.statusSe as string },
    ];
    const fields = { csrf: se.csrf, action: "note", text: "token probe", id: "ab".repeat(32) };
    for (const route of routes) {
      const path = pathOf(route).replace(":caseId", caseSe.id);
      const post = method(route) === "POST";
      // Without a session a page sends the browser to sign in; a form post is a 401.
      const want: Want = post ? { status: 401 } : { status: 303, location: "/cert/login" };
      const init = (cookie: string | null): RequestInit =>
        post ? form(fields, cookie === null ? {} : { cookie }) : { headers: cookie === null ? {} : { cookie } };
      for (const v of variants) await refused(route, v.kind, path, init(`__Host-iw_session=${v.token}`), want);
      await refused(route, "no cookie", path, init(null), want);
      await refused(route, "the cookie under another name", path, init(`iw_session=${sessionSecret(se)}`), want);
      if (!post) {
        expect((await call(path, { headers: { cookie: se.cookie } })).status, route).toBe(200);
        continue;
      }
      // The right session with a wrong form token, or from another site: 403.
      const forbidden = { status: 403, code: "forbidden" };
      const csrfCases: [string, Record<string, string>, Record<string, string>][] = [
        ["a forged form token", { ...fields, csrf: newSecret() }, {}],
        ["another team's form token", { ...fields, csrf: no.csrf }, {}],
        ["no form token", { action: "note", text: "x", id: fields.id }, {}],
        [
          "a form token one character off",
          { ...fields, csrf: `${se.csrf.slice(0, -1)}${se.csrf.endsWith("A") ? "B" : "A"}` },
          {},
        ],
        ["another site's page", fields, { "sec-fetch-site": "cross-site" }],
        ["another origin", fields, { origin: "http://attacker.example.com", "sec-fetch-site": "same-origin" }],
      ];
      for (const [kind, f, h] of csrfCases)
        await refused(route, kind, path, form(f, { cookie: se.cookie, ...h }), forbidden);
    }
    // The session survived the forged sign-out attempts above.
    expect((await call("/cert", { headers: { cookie: se.cookie } })).status).toBe(200);
    // Another team's session: a case outside its constituency is a 404, for a page and a form.
    const notFound = { status: 404, code: "not_found" };
    await refused(
      "GET /cert/cases/:caseId",
      "another team's session",
      `/cert/cases/${caseSe.id}`,
      { headers: { cookie: no.cookie } },
      notFound,
    );
    await refused(
      "POST /cert/cases/:caseId/actions",
      "another team's session",
      `/cert/cases/${caseSe.id}/actions`,
      form({ ...fields, csrf: no.csrf }, { cookie: no.cookie }),
      notFound,
    );
    // And the right session and form token work.
    const ok = await call(`/cert/cases/${caseSe.id}/actions`, {
      ...form(fields, { cookie: se.cookie }),
      redirect: "manual",
    });
    expect(ok.status).toBe(303);
  });

  it("the sign-in form: a missing, forged or unmatched form token, or another site, gets 403 and counts no failure", async () => {
    const route = "POST /cert/login";
    const token = newSecret();
    const fields = { login: se.login, password: se.password };
    const forbidden = { status: 403, code: "forbidden" };
    const cases: [string, RequestInit][] = [
      ["no form token, no cookie", form(fields)],
      ["a forged form token, no cookie", form({ ...fields, csrf: token })],
      [
        "a cookie and another form token",
        form({ ...fields, csrf: newSecret() }, { cookie: `${LOGIN_COOKIE}=${token}` }),
      ],
      ["a cookie and no form token", form(fields, { cookie: `${LOGIN_COOKIE}=${token}` })],
      [
        "the form token one character off",
        form(
          { ...fields, csrf: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}` },
          { cookie: `${LOGIN_COOKIE}=${token}` },
        ),
      ],
      ["the session's form token", form({ ...fields, csrf: se.csrf }, { cookie: se.cookie })],
      [
        "another site's page",
        form({ ...fields, csrf: token }, { cookie: `${LOGIN_COOKIE}=${token}`, "sec-fetch-site": "cross-site" }),
      ],
      [
        "another origin",
        form({ ...fields, csrf: token }, { cookie: `${LOGIN_COOKIE}=${token}`, origin: "http://attacker.example.com" }),
      ],
    ];
    for (const [kind, init] of cases) await refused(route, kind, "/cert/login", init, forbidden);
    const ok = await call("/cert/login", {
      ...form({ ...fields, csrf: token }, { cookie: `${LOGIN_COOKIE}=${token}` }),
      redirect: "manual",
    });
    expect(ok.status).toBe(303);
  });

  it("covered every token-taking route, and refused every wrong token", () => {
    expect(TOKEN_ROUTES.length).toBeGreaterThanOrEqual(13);
    const untried = TOKEN_ROUTES.filter((r) => (tried.get(r) ?? 0) < 5);
    expect(untried, "token-taking routes tried with fewer than 5 wrong tokens").toEqual([]);
    const total = [...tried.values()].reduce((a, b) => a + b, 0);
    const refusedTotal = [...refusedCount.values()].reduce((a, b) => a + b, 0);
    figure("tokens", "token-taking routes covered", TOKEN_ROUTES.filter((r) => tried.has(r)).length);
    figure("tokens", "routes in the app", ROUTES.length);
    figure("tokens", "wrong tokens tried (kinds × routes)", total);
    figure("tokens", "wrong tokens refused as documented, D1 unchanged", refusedTotal);
    figure("tokens", "wrong tokens accepted", accepted);
    expect(accepted).toBe(0);
    expect(refusedTotal).toBe(total);
  });
});
