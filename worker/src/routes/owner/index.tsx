/** @jsxImportSource hono/jsx */
// The owner's page `/o/:token`: server-rendered, no script, every form CSRF-protected (a
// double-submit token in a SameSite=Strict cookie, and same-origin checks). Each answer is an
// event applied to the case's disclosure workflow.
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { chooseLanguage, isNoticeLanguage } from "../../../../shared/disclosure/language.ts";
import { checkCsrf } from "../../auth/csrf.ts";
import { applyEvent } from "../../disclose/apply.ts";
import { caseFacts } from "../../disclose/notice/case-facts.ts";
import { getDisclosure, ownerPrefers } from "../../disclose/store.ts";
import type { DisclosureEvent } from "../../disclose/workflow.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { newToken } from "../../security/tokens.ts";
import { OwnerPage } from "./page.tsx";
import { caseOfOwnerToken } from "./token.ts";

const COOKIE = "iw_owner_csrf";
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const MAX_REASON = 2000;

async function openCase(db: D1Database, token: string): Promise<string> {
  const caseId = await caseOfOwnerToken(db, token, Date.now());
  if (!caseId) throw new AppError("not_found", "this link is not valid, or it has expired");
  return caseId;
}

async function readForm(req: Request): Promise<Record<string, string>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new AppError("unsupported_media_type", "send the form as application/x-www-form-urlencoded");
  }
  const form = await req.formData();
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string") out[k] = v;
  return out;
}

function reasonOf(form: Record<string, string>): string {
  const reason = (form.reason ?? "").trim();
  if (reason === "") throw new AppError("bad_request", "reason: say why, in a few words");
  if (reason.length > MAX_REASON) throw new AppError("bad_request", `reason: at most ${MAX_REASON} characters`);
  return reason;
}

const EVENTS: Record<string, (form: Record<string, string>) => DisclosureEvent> = {
  acknowledge: () => ({ type: "acknowledge" }),
  fixed: () => ({ type: "fixed" }),
  dispute: (form) => ({ type: "dispute", reason: reasonOf(form) }),
  public: (form) => ({ type: "meant_public", reason: reasonOf(form) }),
};

export const owner = new Hono<AppEnv>()
  .use("/o/*", async (c, next) => {
    await next();
    c.header("content-security-policy", CSP);
    c.header("cache-control", "no-store");
    c.header("referrer-policy", "no-referrer");
  })
  .get("/o/:token", async (c) => {
    const token = c.req.param("token");
    const caseId = await openCase(c.env.DB, token);
    const facts = await caseFacts(c.env, caseId);
    const d = await getDisclosure(c.env.DB, caseId);
    if (!facts || !d) throw new AppError("not_found", "this link is not valid, or it has expired");
    const prefs = await ownerPrefers(c.env.DB, caseId);
    const csrf = getCookie(c, COOKIE) ?? newToken();
    setCookie(c, COOKIE, csrf, {
      path: "/o/",
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:",
    });
    const done = c.req.query("done") ?? null;
    const page = (
      <OwnerPage
        view={{
          token,
          csrf,
          facts,
          phase: d.phase,
          language: chooseLanguage({ chosen: prefs?.language ?? null, host: facts.host }),
          noEmail: prefs?.no_email === 1,
          done,
        }}
      />
    );
    return c.html(`<!doctype html>\n${await page.toString()}`);
  })
  .post("/o/:token/:action", async (c) => {
    const token = c.req.param("token");
    const action = c.req.param("action");
    const caseId = await openCase(c.env.DB, token);
    const form = await readForm(c.req.raw);
    checkCsrf(c, form, getCookie(c, COOKIE));
    const now = Date.now();
    if (action === "preferences") {
      const language = form.language ?? "";
      if (!isNoticeLanguage(language)) throw new AppError("bad_request", "language: en or sv");
      const noEmail = form.no_email === "1" ? 1 : 0;
      await c.env.DB.prepare(
        `INSERT INTO owner_preferences (case_id, language, no_email, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (case_id) DO UPDATE SET language = ?2, no_email = ?3, updated_at = ?4`,
      )
        .bind(caseId, language, noEmail, now)
        .run();
      await c.env.DB.prepare(
        "INSERT INTO events (case_id, at, type, actor, data_json) VALUES (?1, ?2, 'owner_preferences', 'owner', ?3)",
      )
        .bind(caseId, now, JSON.stringify({ language, noEmail: noEmail === 1 }))
        .run();
      // No more email to the owner: the hoster and the CSIRT take over (personal data stays at risk).
      if (noEmail === 1) await applyEvent(c.env, caseId, { type: "exhausted", role: "owner" }, now);
    } else {
      const make = Object.hasOwn(EVENTS, action) ? EVENTS[action] : undefined;
      if (!make) throw new AppError("not_found", "no such answer");
      await applyEvent(c.env, caseId, make(form), now, { actor: "owner" });
    }
    return c.redirect(`/o/${token}?done=${action}`, 303);
  });
