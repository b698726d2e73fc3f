import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("meta routes", () => {
  it("says what the service is", async () => {
    const res = await exports.default.fetch("http://indexwatch.test/");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Indexwatch", api: "/api/v1" });
  });

  it("reports the schema version from D1: the number of the last migration applied", async () => {
    const names = (env as unknown as { TEST_MIGRATIONS: { name: string }[] }).TEST_MIGRATIONS.map((m) => m.name);
    const last = Math.max(...names.map((n) => Number(n.slice(0, 4))));
    expect(last).toBeGreaterThanOrEqual(3);
    const res = await exports.default.fetch("http://indexwatch.test/api/v1/health");
    expect(await res.json()).toEqual({ ok: true, schema: last });
  });

  it("answers unknown routes with a JSON 404 and no stack", async () => {
    const res = await exports.default.fetch("http://indexwatch.test/nope");
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("not_found");
    expect(body.error.requestId).toMatch(/\S/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
  });

  it("fails health honestly when the schema row is gone", async () => {
    await env.DB.prepare("DELETE FROM meta").run();
    const res = await exports.default.fetch("http://indexwatch.test/api/v1/health");
    expect(await res.json()).toEqual({ ok: true, schema: null });
  });
});
