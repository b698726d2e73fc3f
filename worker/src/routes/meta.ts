import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

/** Who we are and whether the database answers: for people, monitors and the extension. */
export const meta = new Hono<AppEnv>()
  .get("/", (c) =>
    c.json({
      name: "Indexwatch",
      about:
        "Finds open directory listings that expose personal data and gets them closed through coordinated disclosure.",
      api: "/api/v1",
    }),
  )
  .get("/api/v1/health", async (c) => {
    const row = await c.env.DB.prepare("SELECT value FROM meta WHERE key = ?1")
      .bind("schema")
      .first<{ value: string }>();
    return c.json({ ok: true, schema: row ? Number(row.value) : null });
  });
