/** @jsxImportSource hono/jsx */
// Sign-in and sign-out. Failed sign-ins are limited per login name (5 per 15 minutes, counted
// in D1) and per client (the rate-limiting binding, on a keyed hash never stored).
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { checkCsrf } from "../../auth/csrf.ts";
import { newSecret } from "../../auth/keyed-hash.ts";
import { hashPassword, verifyPassword } from "../../auth/password.ts";
import { type CertEnv, currentSession, endSession, requireSession, startSession } from "../../auth/session.ts";
import { loginFailures, recordLoginFailure } from "../../db/sessions.ts";
import { accountByLogin } from "../../db/teams.ts";
import { AppError } from "../../errors.ts";
import { clientKey } from "../../security/client-key.ts";
import { Layout } from "./layout.tsx";

export const LOGIN_COOKIE = "__Host-iw_login";
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

// Compared against when the login name is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

function LoginPage(props: { csrf: string; error?: string; login?: string }) {
  return (
    <Layout title="Sign in">
      <form class="login" method="post" action="/cert/login">
        <h1>Sign in</h1>
        {props.error ? (
          <p class="error" role="alert">
            {props.error}
          </p>
        ) : null}
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Login
          <input name="login" autocomplete="username" required value={props.login ?? ""} />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}

function loginForm(c: Context<CertEnv>, status: 200 | 401 | 429, error?: string, login?: string) {
  const token = newSecret();
  setCookie(c, LOGIN_COOKIE, token, { path: "/", httpOnly: true, secure: true, sameSite: "Strict", maxAge: 3600 });
  return c.html(<LoginPage csrf={token} {...(error ? { error } : {})} {...(login ? { login } : {})} />, status);
}

export const login = new Hono<CertEnv>()
  .get("/cert/login", async (c) => {
    if (await currentSession(c, Date.now())) return c.redirect("/cert", 303);
    return loginForm(c, 200);
  })
  .post("/cert/login", async (c) => {
    const form = await c.req.parseBody();
    checkCsrf(c, form, getCookie(c, LOGIN_COOKIE));
    const name = typeof form.login === "string" ? form.login.trim().toLowerCase() : "";
    const password = typeof form.password === "string" ? form.password : "";
    if (name === "" || password === "" || name.length > 64 || password.length > 256) {
      throw new AppError("bad_request", "send a login (at most 64 characters) and a password (at most 256)");
    }
    const key = await clientKey(c.env.CLIENT_KEY_SECRET, `login:${c.req.header("cf-connecting-ip") ?? "unknown"}`);
    if (!(await c.env.CLIENT_LIMIT.limit({ key })).success) {
      return loginForm(c, 429, "Too many attempts from here. Wait a minute and try again.", name);
    }
    const now = Date.now();
    const windowStart = Math.floor(now / FAILURE_WINDOW_MS) * FAILURE_WINDOW_MS;
    if ((await loginFailures(c.env.DB, name, windowStart)) >= MAX_FAILURES) {
      return loginForm(c, 429, "Too many failed sign-ins for this login. Wait 15 minutes and try again.", name);
    }
    const account = await accountByLogin(c.env.DB, name);
    dummyHash ??= hashPassword("not a password");
    const ok = await verifyPassword(password, account?.password_hash ?? (await dummyHash));
    if (!account || !ok || account.disabled_at !== null) {
      await recordLoginFailure(c.env.DB, name, windowStart);
      return loginForm(c, 401, "Wrong login or password.", name);
    }
    deleteCookie(c, LOGIN_COOKIE, { path: "/", secure: true });
    await startSession(c, account.id, now);
    return c.redirect("/cert", 303);
  })
  .post("/cert/logout", requireSession, async (c) => {
    checkCsrf(c, await c.req.parseBody(), c.get("csrf"));
    await endSession(c);
    return c.redirect("/cert/login", 303);
  });
