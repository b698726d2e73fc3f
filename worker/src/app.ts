import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./env.ts";
import { AppError, onError } from "./errors.ts";
import { cert } from "./routes/cert/index.ts";
import { challenge } from "./routes/challenge.ts";
import { feeds } from "./routes/feeds/index.ts";
import { meta } from "./routes/meta.ts";
import { owner } from "./routes/owner/index.tsx";
import { reports } from "./routes/reports.ts";

export const app = new Hono<AppEnv>();

app.use(secureHeaders());
app.route("/", meta);
app.route("/", challenge);
app.route("/", reports);
app.route("/", feeds);
app.route("/", cert);
app.route("/", owner);
app.notFound(() => {
  throw new AppError("not_found", "no such route");
});
app.onError(onError);
