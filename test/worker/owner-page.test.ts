// The owner's page: a real listing on 127.0.0.1 is disclosed, the owner opens the link from the
// email, answers through CSRF-protected forms, and "Fixed — re-check now" with the listing gone
// closes the case after a second check 24 h later. The reporter's status shows it.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/src/app.ts";
import { disclosureCron } from "../../worker/src/disclose/cron.ts";
import { discloseCase } from "../../worker/src/disclose/disclose-case.ts";
import { recheckForDisclosure } from "../../worker/src/disclose/recheck.ts";
import { discloseEnv, FAKE, jobs, mailTo, ownerLinkIn, rows, seedVerifiedCase, world } from "./disclose-helpers.ts";

const denv = discloseEnv();
const OWNER = "owner@loopback.example.test";
const ORIGIN = "http://localhost";

beforeAll(async () => {
  await world({ securityTxt: { "127.0.0.1": { wellKnown: `Contact: mailto:${OWNER}\n` } } });
});

/** A verified case of a real (captured nginx) listing served on 127.0.0.1, disclosed now. */
async function disclosedListing(statusToken?: string) {
  const path = `/exposed/${crypto.randomUUID()}/`;
  await world({ listings: { [path]: "nginx" } });
  const now = Date.now();
  const id = await seedVerifiedCase(`${FAKE}${path}`, now, statusToken ? { statusToken } : {});
  const j = jobs();
  await discloseCase(denv, id, now, { defer: j.defer });
  await j.pump(denv, now);
  const mail = (await mailTo(OWNER)).filter((m) => m.headers["x-indexwatch-case"] === id);
  expect(mail).toHaveLength(1);
  const token = ownerLinkIn(mail[0]?.text ?? "");
  if (!token) throw new Error("no owner link in the notice");
  return { id, path, token, now };
}

async function openPage(token: string) {
  const res = await app.request(`/o/${token}`, {}, env);
  const html = await res.text();
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  return { res, html, cookie, csrf };
}

function post(token: string, action: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request(
    `${ORIGIN}/o/${token}/${action}`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...headers },
      body: new URLSearchParams(fields).toString(),
    },
    env,
  );
}

const phase = async (id: string) =>
  (await env.DB.prepare("SELECT phase FROM disclosures WHERE case_id = ?1").bind(id).first<{ phase: string }>())?.phase;

describe("the owner's page", () => {
  it("shows the case, escaped, with the fix for the detected server, and no script", async () => {
    const { token } = await disclosedListing();
    const { res, html, cookie, csrf } = await openPage(token);
    expect(res.status).toBe(200);
    expect(html.startsWith("<!doctype html>\n<html lang=")).toBe(true);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(html).toContain("autoindex off;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;.wav");
    expect(html).not.toContain("<script");
    expect(cookie).toMatch(/^iw_owner_csrf=/);
    expect(csrf.length).toBeGreaterThan(20);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Strict/i);
  });

  it("refuses an unknown or expired link the same way", async () => {
    const unknown = await app.request("/o/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {}, env);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const { id, token } = await disclosedListing();
    await env.DB.prepare("UPDATE tokens SET expires_at = 1 WHERE purpose = 'owner' AND case_id = ?1").bind(id).run();
    expect((await app.request(`/o/${token}`, {}, env)).status).toBe(404);
  });

  it("refuses forms without the CSRF token, from another origin, or with bad input — and changes nothing", async () => {
    const { id, token } = await disclosedListing();
    const { cookie, csrf } = await openPage(token);
    const noToken = await post(token, "acknowledge", {}, { cookie });
    expect(noToken.status).toBe(403);
    const wrongOrigin = await post(token, "acknowledge", { csrf }, { cookie, origin: "https://evil.example.test" });
    expect(wrongOrigin.status).toBe(403);
    const noCookie = await post(token, "acknowledge", { csrf });
    expect(noCookie.status).toBe(403);
    const noReason = await post(token, "dispute", { csrf, reason: "  " }, { cookie });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    const unknown = await post(token, "delete-everything", { csrf }, { cookie });
    expect(unknown.status).toBe(404);
    expect(await phase(id)).toBe("notified");
    const events = await rows<{ actor: string }>("SELECT actor FROM events WHERE case_id = ?1 AND actor = 'owner'", id);
    expect(events).toHaveLength(0);
  });

  it("acknowledge, dispute and preferences are recorded as the owner's events", async () => {
    const { id, token } = await disclosedListing();
    const { cookie, csrf } = await openPage(token);
    const ack = await post(token, "acknowledge", { csrf }, { cookie });
    expect(ack.status).toBe(303);
    expect(ack.headers.get("location")).toBe(`/o/${token}?done=acknowledge`);
    expect(await phase(id)).toBe("acknowledged");
    const dispute = await post(token, "dispute", { csrf, reason: "<b>not our server</b>" }, { cookie });
    expect(dispute.status).toBe(303);
    expect(await phase(id)).toBe("disputed");
    const prefs = await post(token, "preferences", { csrf, language: "sv" }, { cookie });
    expect(prefs.status).toBe(303);
    const again = await openPage(token);
    expect(again.html).toContain("I det server- eller location-block"); // the fix, now in Swedish
    expect(again.html).toMatch(/<option value="sv" selected/);
    expect(again.html).toContain("Disputed: a person at Indexwatch will look at your answer.");
    const ev = await rows<{ type: string; actor: string; data_json: string }>(
      "SELECT type, actor, data_json FROM events WHERE case_id = ?1 AND actor = 'owner' ORDER BY id",
      id,
    );
    expect(ev.map((e) => e.type)).toEqual(["acknowledged", "disputed", "needs_review", "owner_preferences"]);
    expect(JSON.parse(ev[1]?.data_json ?? "{}")).toEqual({ reason: "<b>not our server</b>" });
  });

  it("'Fixed — re-check now' with the listing gone closes the case; the reporter sees it", async () => {
    const statusToken = `status-${crypto.randomUUID()}`;
    const { id, path, token, now } = await disclosedListing(statusToken);
    const { cookie, csrf } = await openPage(token);

    // Still up: the claim does not hold.
    expect((await post(token, "fixed", { csrf }, { cookie })).status).toBe(303);
    await recheckForDisclosure(denv, id, Date.now(), { defer: async () => {} });
    expect(await phase(id)).toBe("notified");

    // Taken down: one negative check now, the second 24 h later closes it.
    await world({ listings: { [path]: null } });
    expect((await post(token, "fixed", { csrf }, { cookie })).status).toBe(303);
    const first = Date.now();
    await recheckForDisclosure(denv, id, first, { defer: async () => {} });
    expect(await phase(id)).toBe("fix_claimed");
    const j = jobs();
    await disclosureCron(denv, first + 24 * 3_600_000, { defer: j.defer });
    await j.pump(denv, first + 24 * 3_600_000);
    expect(await phase(id)).toBe("closed");
    const resolved = (await mailTo(OWNER)).filter(
      (m) => m.headers["x-indexwatch-case"] === id && m.subject.startsWith("Resolved:"),
    );
    expect(resolved).toHaveLength(1);

    const status = await app.request(
      `/api/v1/reports/${id}`,
      { headers: { authorization: `Bearer ${statusToken}` } },
      env,
    );
    const body = (await status.json()) as { status: string; milestones: { name: string }[] };
    expect(body.status).toBe("closed");
    expect(body.milestones.map((m) => m.name)).toEqual(["received", "verified", "owner_notified", "fixed", "closed"]);
    expect(now).toBeLessThan(first);
  });
});
