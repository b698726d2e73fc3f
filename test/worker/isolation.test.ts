// The isolation matrix: every route the Worker serves, enumerated from the Hono app itself, has
// an entry saying how it is kept from showing a team a case outside its constituency, and that
// entry is tested for every team against every case. A route added without an entry fails here.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/src/app.ts";
import { keyedHash } from "../../worker/src/auth/keyed-hash.ts";
import { bindings, call, postForm, type SeededCase, type SeededTeam, seedCase, seedTeam } from "./cert-seed.ts";

type Kind =
  /** Middleware only (headers, authentication): no answer of its own. */
  | "middleware"
  /** Answers anyone the same, with no case data. */
  | "public"
  /** Sign-in and sign-out: forms, no case data. */
  | "session"
  /** The reporter's intake: takes a report; team credentials give nothing extra. */
  | "intake"
  /** Opened by a case's own secret token (reporter status); team credentials open nothing. */
  | "case-token"
  /** The owner's page, opened by the owner's token in its path; team credentials open nothing. */
  | "owner-token"
  /** A signed-in person's own API tokens: no case data, and nobody else's tokens. */
  | "account"
  /** A list of cases for a signed-in team or a team token: exactly the team's cases. */
  | "team-list"
  /** One case for a signed-in team or a team token: the team's cases, else a 404 that says nothing. */
  | "team-case";

const MATRIX: Record<string, Kind> = {
  "ALL /*": "middleware",
  "ALL /api/v1/feeds/*": "middleware",
  "ALL /api/v1/cases/:caseId/xarf": "middleware",
  "ALL /cert": "middleware",
  "ALL /cert/*": "middleware",
  "GET /": "public",
  "GET /api/v1/health": "public",
  "GET /api/v1/challenge": "public",
  "GET /cert/assets/style.css": "public",
  "GET /cert/login": "public",
  "POST /cert/login": "session",
  "POST /cert/logout": "session",
  "GET /cert/tokens": "account",
  "POST /cert/tokens": "account",
  "POST /cert/tokens/revoke": "account",
  "POST /api/v1/reports": "intake",
  "GET /api/v1/reports/:caseId": "case-token",
  "ALL /o/*": "middleware",
  "GET /o/:token": "owner-token",
  "POST /o/:token/:action": "owner-token",
  "GET /cert": "team-list",
  "GET /api/v1/feeds/cases.json": "team-list",
  "GET /api/v1/feeds/cases.csv": "team-list",
  "GET /cert/cases/:caseId": "team-case",
  "POST /cert/cases/:caseId/actions": "team-case",
  "GET /api/v1/cases/:caseId/xarf": "team-case",
};

const ROUTES = [...new Set(app.routes.map((r) => `${r.method} ${r.path}`))];

let teams: Record<"se" | "net" | "asn" | "ops" | "nobody", SeededTeam>;
let cases: Record<"se" | "seClosed" | "no" | "de6" | "fi" | "unlocated", SeededCase>;
/** Which cases each team must see, written out by hand (not computed by the code under test). */
let visible: Record<keyof typeof teams, (keyof typeof cases)[]>;

beforeAll(async () => {
  teams = {
    se: await seedTeam({ name: "CERT-SE", countries: ["SE"] }),
    net: await seedTeam({ name: "Hoster-CERT", ranges: ["198.51.100.0/24", "2001:db8:1::/48"] }),
    asn: await seedTeam({ name: "AS64999-CERT", asns: [64999] }),
    ops: await seedTeam({ name: "Operators", operator: true }),
    nobody: await seedTeam({ name: "CERT-XX", countries: ["XX"] }),
  };
  cases = {
    se: await seedCase({
      host: "se-open.example.test",
      location: { country: "SE", ip: "192.0.2.1", asn: 64500, source: "rdap-ip" },
    }),
    seClosed: await seedCase({
      host: "se-closed.example.test",
      status: "closed",
      closedAt: Date.now(),
      location: { country: "se", ip: "192.0.2.2", asn: 64500, source: "rdap-ip" },
    }),
    no: await seedCase({
      host: "no-range.example.test",
      location: { country: "NO", ip: "198.51.100.20", asn: 64510, source: "rdap-ip" },
    }),
    de6: await seedCase({
      host: "de-v6.example.test",
      location: { country: "DE", ip: "2001:db8:1::9", asn: 64999, source: "rdap-ip" },
    }),
    fi: await seedCase({
      host: "fi-other.example.test",
      location: { country: "FI", ip: "203.0.113.5", asn: 64600, source: "rdap-ip" },
    }),
    unlocated: await seedCase({ host: "unlocated.example.test", location: null }),
  };
  visible = {
    se: ["se", "seClosed"],
    net: ["no", "de6"],
    asn: ["de6"],
    ops: ["se", "seClosed", "no", "de6", "fi", "unlocated"],
    nobody: [],
  };
}, 60_000);

type Team = keyof typeof teams;
type Case = keyof typeof cases;
const TEAM_NAMES: Team[] = ["se", "net", "asn", "ops", "nobody"];
const CASE_NAMES: Case[] = ["se", "seClosed", "no", "de6", "fi", "unlocated"];

/** Every trace of a case an answer could carry: its id, host and URL. */
function traces(c: SeededCase): string[] {
  return [c.id, new URL(c.root).host];
}

function leaked(body: string, which: Case[]): Case[] {
  return which.filter((k) => traces(cases[k]).some((t) => body.includes(t)));
}

const path = (route: string) => route.slice(route.indexOf(" ") + 1);
const method = (route: string) => route.slice(0, route.indexOf(" "));

/** The request a team makes on a route, with the credentials that route takes. */
async function asTeam(route: string, team: SeededTeam, caseId?: string): Promise<Response> {
  const p = path(route).replace(":caseId", caseId ?? "");
  if (route === "POST /cert/cases/:caseId/actions") {
    return postForm(p, team.cookie, { csrf: team.csrf, action: "note", text: "isolation probe" });
  }
  if (p.startsWith("/cert")) return call(p, { headers: { cookie: team.cookie } });
  return call(p, { headers: { authorization: `Bearer ${team.token}` } });
}

describe("the isolation matrix", () => {
  it("has an entry for every route the Worker serves", () => {
    expect(ROUTES.length).toBeGreaterThan(10);
    const missing = ROUTES.filter((r) => !(r in MATRIX));
    expect(missing, "routes without an isolation entry").toEqual([]);
  });

  it("public routes carry no case data", async () => {
    for (const route of ROUTES.filter((r) => MATRIX[r] === "public")) {
      const res = await call(path(route));
      expect(res.status, route).toBeLessThan(400);
      expect(leaked(await res.text(), CASE_NAMES), route).toEqual([]);
    }
  }, 60_000);

  it("sign-in and sign-out answer with no case data, whoever asks", async () => {
    for (const route of ROUTES.filter((r) => MATRIX[r] === "session")) {
      for (const t of TEAM_NAMES) {
        // A forged token: the posts are refused (a real sign-out would end the session the
        // other entries use), and the refusal, too, must carry nothing.
        const res = await postForm(path(route), teams[t].cookie, { csrf: "forged", login: "x", password: "y" });
        expect(res.status, `${route} ${t}`).toBe(403);
        expect(leaked(await res.text(), CASE_NAMES), `${route} ${t}`).toEqual([]);
      }
    }
  }, 60_000);

  it("the intake takes no team credentials and tells a team nothing about cases", async () => {
    for (const route of ROUTES.filter((r) => MATRIX[r] === "intake")) {
      for (const t of TEAM_NAMES) {
        const res = await call(path(route), {
          method: method(route),
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${teams[t].token}`,
            cookie: teams[t].cookie,
            "cf-connecting-ip": "198.51.100.99",
          },
          body: JSON.stringify({ listingUrl: cases.fi.root }),
        });
        expect(res.status, `${route} ${t}`).toBeGreaterThanOrEqual(400);
        expect(leaked(await res.text(), CASE_NAMES), `${route} ${t}`).toEqual([]);
      }
    }
  }, 60_000);

  it("routes opened by a case's own token open nothing for a team's token or session", async () => {
    for (const route of ROUTES.filter((r) => MATRIX[r] === "case-token")) {
      for (const t of TEAM_NAMES) {
        for (const k of CASE_NAMES) {
          const p = path(route).replace(":caseId", cases[k].id);
          for (const headers of [{ authorization: `Bearer ${teams[t].token}` }, { cookie: teams[t].cookie }]) {
            const res = await call(p, { headers });
            expect(res.status, `${route} ${t} ${k}`).toBe(401);
            expect(leaked(await res.text(), CASE_NAMES)).toEqual([]);
          }
        }
      }
    }
  }, 60_000);

  it("the owner's page opens with the owner's token only: a team's token or session opens nothing", async () => {
    for (const route of ROUTES.filter((r) => MATRIX[r] === "owner-token")) {
      for (const t of TEAM_NAMES) {
        for (const token of [teams[t].token, teams[t].token.slice(4), cases.se.id]) {
          const p = path(route).replace(":token", token).replace(":action", "acknowledge");
          const res = await call(p, {
            method: method(route),
            headers: {
              cookie: teams[t].cookie,
              authorization: `Bearer ${teams[t].token}`,
              "content-type": "application/x-www-form-urlencoded",
              origin: "http://indexwatch.test",
            },
            ...(method(route) === "POST" ? { body: "csrf=x" } : {}),
          });
          expect(res.status, `${route} ${t}`).toBeGreaterThanOrEqual(400);
          expect(leaked(await res.text(), CASE_NAMES), `${route} ${t}`).toEqual([]);
        }
      }
    }
  }, 60_000);

  it("a person's token pages show and revoke only their own tokens, and no case data", async () => {
    const routes = ROUTES.filter((r) => MATRIX[r] === "account");
    expect(routes).toEqual(["GET /cert/tokens", "POST /cert/tokens", "POST /cert/tokens/revoke"]);
    const made = new Map<Team, string>();
    for (const t of TEAM_NAMES) {
      const res = await postForm("/cert/tokens", teams[t].cookie, { csrf: teams[t].csrf });
      const body = await res.text();
      expect(leaked(body, CASE_NAMES), t).toEqual([]);
      made.set(t, /data-testid="new-token">(iwt_[^<]+)</.exec(body)?.[1] ?? "");
    }
    const hashes = new Map<Team, string>();
    for (const t of TEAM_NAMES) hashes.set(t, await keyedHash(bindings.AUTH_SECRET, made.get(t) ?? ""));
    for (const t of TEAM_NAMES) {
      const page = await (await call("/cert/tokens", { headers: { cookie: teams[t].cookie } })).text();
      expect(leaked(page, CASE_NAMES), t).toEqual([]);
      for (const o of TEAM_NAMES) expect(page.includes(hashes.get(o) ?? "?"), `${t} sees ${o}'s token`).toBe(o === t);
      for (const o of TEAM_NAMES.filter((x) => x !== t)) {
        const res = await postForm("/cert/tokens/revoke", teams[t].cookie, {
          csrf: teams[t].csrf,
          id: hashes.get(o) ?? "",
        });
        expect(res.status, `${t} revokes ${o}'s token`).toBe(404);
      }
    }
    for (const t of TEAM_NAMES) {
      const res = await call("/api/v1/feeds/cases.json", { headers: { authorization: `Bearer ${made.get(t)}` } });
      expect(res.status, t).toBe(200);
    }
  }, 60_000);

  it("lists show each team exactly its constituency's cases", async () => {
    const lists = ROUTES.filter((r) => MATRIX[r] === "team-list");
    expect(lists.length).toBeGreaterThanOrEqual(3);
    for (const route of lists) {
      for (const t of TEAM_NAMES) {
        const res = await asTeam(route, teams[t]);
        expect(res.status, `${route} ${t}`).toBe(200);
        const body = await res.text();
        expect(new Set(leaked(body, CASE_NAMES)), `${route} as ${t}`).toEqual(new Set(visible[t]));
      }
    }
  }, 60_000);

  it("one case: the team's own answer, anything else a 404 that names nothing and changes nothing", async () => {
    const single = ROUTES.filter((r) => MATRIX[r] === "team-case");
    expect(single.length).toBeGreaterThanOrEqual(3);
    for (const route of single) {
      for (const t of TEAM_NAMES) {
        for (const k of CASE_NAMES) {
          const events = async () =>
            (
              await env.DB.prepare("SELECT count(*) AS n FROM events WHERE case_id = ?1")
                .bind(cases[k].id)
                .first<{ n: number }>()
            )?.n;
          const before = await events();
          const res = await asTeam(route, teams[t], cases[k].id);
          const body = await res.text();
          const label = `${route} as ${t} on ${k}`;
          if (visible[t].includes(k)) {
            expect(res.status, label).toBeLessThan(400);
          } else {
            expect(res.status, label).toBe(404);
            expect(JSON.parse(body).error.code, label).toBe("not_found");
            expect(leaked(body, CASE_NAMES), label).toEqual([]);
            expect(await events(), label).toBe(before);
          }
        }
      }
    }
  }, 60_000);

  it("an unknown case and a case outside the constituency get the same answer", async () => {
    const outside = await asTeam("GET /api/v1/cases/:caseId/xarf", teams.se, cases.fi.id);
    const unknown = await asTeam("GET /api/v1/cases/:caseId/xarf", teams.se, crypto.randomUUID());
    const shape = async (r: Response) => {
      const b = (await r.json()) as { error: { code: string; message: string } };
      return [r.status, b.error.code, b.error.message];
    };
    expect(await shape(outside)).toEqual(await shape(unknown));
  }, 60_000);

  it("team routes refuse anyone without credentials", async () => {
    for (const route of ROUTES.filter((r) => MATRIX[r] === "team-list" || MATRIX[r] === "team-case")) {
      const p = path(route).replace(":caseId", cases.se.id);
      const res = await call(p, {
        method: method(route),
        redirect: "manual",
        headers: { authorization: "Bearer iwt_0000000000000000000000000000000000000000000" },
      });
      expect([303, 401], route).toContain(res.status);
      expect(leaked(await res.text(), CASE_NAMES), route).toEqual([]);
    }
  }, 60_000);
});
