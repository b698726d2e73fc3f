// CSRF: every form carries a token that an attacker's page cannot know (the session's own, or,
// before sign-in, one mirrored in a cookie), and a browser that says where a request came
// from must say "this origin".
import type { Context } from "hono";
import { AppError } from "../errors.ts";

const encoder = new TextEncoder();

/** Constant-time string equality. */
export function sameSecret(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.min(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0 && x.length > 0;
}

/** Refuses a cross-origin form post (by Origin or Sec-Fetch-Site, when the browser sends them). */
export function checkSameOrigin(c: Context): void {
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined && site !== "same-origin")
    throw new AppError("forbidden", "cross-site form posts are refused");
  // Compared with the Host the browser addressed: behind `wrangler dev`'s proxy (and other
  // proxies) the URL the Worker sees can name another port than the one the browser used.
  // `null` is what browsers send under `Referrer-Policy: no-referrer` (set for every page):
  // it says nothing either way, and the token below decides.
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== "null") {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    let from = "";
    try {
      from = new URL(origin).host;
    } catch {
      from = "";
    }
    if (from !== host) throw new AppError("forbidden", "cross-origin form posts are refused");
  }
}

/** Checks a form's `csrf` field against the expected token. */
export function checkCsrf(c: Context, form: Record<string, unknown>, expected: string | undefined): void {
  checkSameOrigin(c);
  const got = typeof form.csrf === "string" ? form.csrf : "";
  if (expected === undefined || !sameSecret(got, expected)) {
    throw new AppError("forbidden", "the form's CSRF token is missing or wrong: reload the page and try again");
  }
}
