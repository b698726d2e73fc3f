import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("meta routes", () => {
  it("says what the service is", async () => {
    const res = await exports.default.fetch("http://indexwatch.test/");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Indexwatch", api: "/api/v1" });
  });

  it("reports the schema version from D1", async () => {
    const res = await exports.default.fetch("http://indexwatch.test/api/v1/health");
    expect(await res.json()).toEqual({ ok: true, schema: 3 });
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
