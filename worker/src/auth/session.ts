// Dashboard sessions: a random secret in an HttpOnly, Secure, SameSite=Strict cookie (the
// `__Host-` prefix pins it to this origin and path /), its keyed hash in D1, eight hours.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { deleteSession, newSession, type SessionView, sessionByHash } from "../db/sessions.ts";
import { viewerOf } from "../db/teams.ts";
import type { AppEnv } from "../env.ts";
import type { Viewer } from "./constituency.ts";
import { keyedHash, newSecret } from "./keyed-hash.ts";

export const SESSION_COOKIE = "__Host-iw_session";
export const SESSION_HOURS = 8;

export interface CertEnv extends AppEnv {
  Variables: { viewer: Viewer; session: SessionView; csrf: string };
}

const COOKIE = { path: "/", httpOnly: true, secure: true, sameSite: "Strict" } as const;

/** Signs an account in: a new session row and its cookie. */
export async function startSession(c: Context<CertEnv>, accountId: string, now: number): Promise<void> {
  const secret = newSecret();
  await newSession(c.env.DB, {
    hash: await keyedHash(c.env.AUTH_SECRET, secret),
    account_id: accountId,
    csrf: newSecret(),
    created_at: now,
    expires_at: now + SESSION_HOURS * 3_600_000,
  });
  setCookie(c, SESSION_COOKIE, secret, { ...COOKIE, maxAge: SESSION_HOURS * 3600 });
}

/** The signed-in session of this request, or null. */
export async function currentSession(c: Context<CertEnv>, now: number): Promise<SessionView | null> {
  const secret = getCookie(c, SESSION_COOKIE);
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return sessionByHash(c.env.DB, await keyedHash(c.env.AUTH_SECRET, secret), now);
}

export async function endSession(c: Context<CertEnv>): Promise<void> {
  const secret = getCookie(c, SESSION_COOKIE);
  if (secret) await deleteSession(c.env.DB, await keyedHash(c.env.AUTH_SECRET, secret));
  deleteCookie(c, SESSION_COOKIE, COOKIE);
}

/** Pages behind sign-in: no session sends a browser to the sign-in page. */
export const requireSession: MiddlewareHandler<CertEnv> = async (c, next) => {
  const view = await currentSession(c, Date.now());
  if (!view) {
    if (c.req.method === "GET" || c.req.method === "HEAD") return c.redirect("/cert/login", 303);
    return c.text("Sign in first.", 401);
  }
  c.set("session", view);
  c.set("viewer", viewerOf(view.team));
  c.set("csrf", view.session.csrf);
  await next();
  return undefined;
};
