// The CERT dashboard: server-rendered pages behind sign-in, under a strict Content Security
// Policy (no script at all, styles and images from this origin only, forms to this origin).
import { type Context, Hono, type Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { CertEnv } from "../../auth/session.ts";
import { AppError } from "../../errors.ts";
import { actions } from "./actions.ts";
import { casePage } from "./case-page.tsx";
import { login } from "./login.tsx";
import { queue } from "./queue.tsx";
import { STYLE } from "./style.ts";
import { tokens } from "./tokens.tsx";

export const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const headers = async (c: Context<CertEnv>, next: Next) => {
  await next();
  c.header("content-security-policy", CSP);
  if (!c.req.path.startsWith("/cert/assets/")) c.header("cache-control", "no-store");
};

/** The dashboard's forms are small: a note is at most 2000 characters. */
export const MAX_FORM_BYTES = 16 * 1024;

export const cert = new Hono<CertEnv>()
  .use("/cert", headers)
  .use("/cert/*", headers)
  .use(
    "/cert/*",
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: () => {
        throw new AppError("payload_too_large", `a form is at most ${MAX_FORM_BYTES} bytes`);
      },
    }),
  )
  .get("/cert/assets/style.css", (c) => {
    c.header("content-type", "text/css; charset=utf-8");
    c.header("cache-control", "public, max-age=3600");
    return c.body(STYLE);
  })
  .route("/", login)
  .route("/", queue)
  .route("/", casePage)
  .route("/", actions)
  .route("/", tokens);
