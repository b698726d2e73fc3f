// From a verified case to an email in a real SMTP sink: discovery, the outbox, the SMTP client
// over Workers sockets. The received message is parsed and checked.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/src/app.ts";
import { applyEvent } from "../../worker/src/disclose/apply.ts";
import { disclosureCron } from "../../worker/src/disclose/cron.ts";
import { discloseCase } from "../../worker/src/disclose/disclose-case.ts";
import { drainCase } from "../../worker/src/disclose/outbox.ts";
import { recipientAllowed } from "../../worker/src/disclose/transports/recipient-guard.ts";
import { handlers } from "../../worker/src/queue/handlers.ts";
import { discloseEnv, jobs, mailTo, ownerLinkIn, rejectAt, rows, seedVerifiedCase, world } from "./disclose-helpers.ts";
import { sharedWorld } from "./disclose-world.ts";

const NOW = Date.UTC(2026, 10, 29, 12);
const denv = discloseEnv();

beforeAll(async () => {
  await sharedWorld();
  await world({
    securityTxt: {
      "vard.example.se": { wellKnown: "Contact: mailto:security@vard.example.test\nPreferred-Languages: sv\n" },
      "www.clinic2.test": { wellKnown: "Contact: mailto:sec@clinic2.test\nPreferred-Languages: en\n" },
      "www.clinic3.test": { wellKnown: "Contact: mailto:sec@clinic3.test\n" },
      "www.clinic4.test": { wellKnown: "Contact: mailto:first@clinic4.test\nContact: mailto:second@clinic4.test\n" },
      "www.clinic8.test": { wellKnown: "Contact: mailto:first@clinic8.test\nContact: mailto:second@clinic8.test\n" },
    },
    dns: {
      "vard.example.se": { A: ["192.0.2.20"] },
      "www.clinic2.test": { A: ["203.0.113.20"] },
      "www.clinic3.test": { A: ["192.0.2.30"] },
      "www.clinic4.test": { A: ["203.0.113.40"] },
      "www.clinic8.test": { A: ["203.0.113.80"] },
    },
  });
});

async function disclose(root: string, seed: Parameters<typeof seedVerifiedCase>[2] = {}) {
  const id = await seedVerifiedCase(root, NOW, seed);
  const j = jobs();
  await discloseCase(denv, id, NOW, { defer: j.defer });
  await j.pump(denv, NOW);
  return { id, j };
}

describe("the first notice", () => {
  it("reaches the security.txt contact over SMTP, in Swedish, with the nginx fix, the owner link and XARF", async () => {
    const { id } = await disclose("https://vard.example.se/medicall/");
    const mail = await mailTo("security@vard.example.test");
    expect(mail).toHaveLength(1);
    const m = mail[0]!;
    expect(m.user).toBe("indexwatch"); // AUTH went through
    expect(m.envelope.from).toBe("notices@indexwatch.example.test");
    expect(m.subject).toBe(
      `Personuppgifter exponeras på vard.example.se: en öppen kataloglistning [ärende ${id.slice(0, 8)}]`,
    );
    expect(m.replyTo).toBe("disclosure@indexwatch.example.test");
    expect(m.headers["auto-submitted"]).toBe("auto-generated");
    expect(m.messageId).toBe(`<case.${id}@indexwatch.example.test>`);
    expect(m.headers["x-indexwatch-case"]).toBe(id);
    expect(m.text).toContain("https://vard.example.se/medicall/");
    expect(m.text).toContain("autoindex off;");
    expect(m.text).toContain("art. 33");
    expect(m.text).toContain("audio 5");
    expect(m.text).toContain("2013-04-08 – 2013-04-09");
    expect(m.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;.wav");
    expect(m.html).not.toContain("<script>");
    // The owner's page opens with the link from the mail.
    const token = ownerLinkIn(m.text);
    expect(token).not.toBeNull();
    const page = await app.request(`/o/${token}`, {}, env);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("vard.example.se");
    // The per-case XARF report for abuse desks.
    expect(m.attachments.map((a) => a.contentType)).toEqual(["application/json"]);
    const xarf = JSON.parse(m.attachments[0]!.content);
    expect(xarf).toMatchObject({ xarf_version: "4.0.0", report_id: id, category: "content", type: "exposed_data" });
    expect(xarf.source_identifier).toBe("192.0.2.20");
    // The reporter's milestone; the outbox row records the transport; no body is stored for SMTP.
    const events = await rows<{ type: string }>("SELECT type FROM events WHERE case_id = ?1 ORDER BY id", id);
    expect(events.map((e) => e.type)).toContain("owner_notified");
    const sent = await rows<{ status: string; transport: string; body: string | null }>(
      "SELECT status, transport, body FROM notifications WHERE case_id = ?1",
      id,
    );
    expect(sent).toEqual([{ status: "sent", transport: "smtp", body: null }]);
  });

  it("is in English with the Apache fix for an English-speaking Apache host", async () => {
    await disclose("https://www.clinic2.test/scans/", { server: "Apache/2.4.62 (Debian)", format: "apache-htmltable" });
    const [m] = await mailTo("sec@clinic2.test");
    expect(m?.subject).toMatch(/^Personal data exposed on www\.clinic2\.test: an open directory listing \[case /);
    expect(m?.text).toContain("Options -Indexes");
    expect(m?.text).not.toContain("autoindex");
    expect(m?.text).toContain("Art. 33");
  });
});

describe("one email per contact per case per period", () => {
  it("repeated messages, ticks and reports send nothing twice", async () => {
    const { id, j } = await disclose("https://vard.example.se/other/");
    await discloseCase(denv, id, NOW + 1000, { defer: j.defer });
    await applyEvent(denv, id, { type: "contacts", owner: true, hoster: true, cert: true }, NOW + 2000, {
      defer: j.defer,
    });
    await env.DB.prepare("UPDATE cases SET reports = reports + 5 WHERE id = ?1").bind(id).run();
    await disclosureCron(denv, NOW + 3000, { defer: j.defer });
    await disclosureCron(denv, NOW + 3000, { defer: j.defer });
    await j.pump(denv, NOW + 4000);
    await drainCase(denv, id, NOW + 5000);
    const all = await rows<{ template: string }>("SELECT template FROM notifications WHERE case_id = ?1", id);
    expect(all.map((n) => n.template)).toEqual(["notice"]);
    const mail = (await mailTo("security@vard.example.test")).filter((m) => m.headers["x-indexwatch-case"] === id);
    expect(mail).toHaveLength(1);
  });
});

describe("critical cases and the safety net", () => {
  it("tells the CSIRT at once, but never mails a real address outside production", async () => {
    const { id } = await disclose("https://www.clinic3.test/calls/", { severity: "critical" });
    expect(await mailTo("sec@clinic3.test")).toHaveLength(1);
    const cert = await rows<{ template: string; status: string; last_error: string; address: string }>(
      `SELECT n.template, n.status, n.last_error, c.address FROM notifications n JOIN contacts c ON c.id = n.contact_id
       WHERE n.case_id = ?1 AND c.role = 'cert'`,
      id,
    );
    expect(cert).toHaveLength(1);
    expect(cert[0]).toMatchObject({ template: "escalation", status: "failed", address: "cert@cert.se" });
    expect(cert[0]?.last_error).toMatch(/outside production/);
    expect(await mailTo("cert@cert.se")).toHaveLength(0);
  });

  it("allows only .test, .example and .invalid recipients outside production", () => {
    expect(recipientAllowed("a@b.example.test", "development")).toBe(true);
    expect(recipientAllowed("a@x.example", "development")).toBe(true);
    expect(recipientAllowed("a@x.invalid", "development")).toBe(true);
    expect(recipientAllowed("a@example.com", "development")).toBe(false);
    expect(recipientAllowed("cert@cert.se", "development")).toBe(false);
    expect(recipientAllowed("cert@cert.se", "production")).toBe(true);
  });
});

describe("a team that approves notices first", () => {
  it("holds the notices of its constituency until they are approved", async () => {
    await env.DB.prepare(
      `INSERT INTO teams (id, name, operator, countries_json, ranges_json, requires_approval, created_at)
       VALUES (?1, 'CERT-SE (test)', 0, '["SE"]', '[]', 1, ?2)`,
    )
      .bind(crypto.randomUUID(), NOW)
      .run();
    const { id } = await disclose("https://vard.example.se/held/");
    const held = await rows<{ status: string }>("SELECT status FROM notifications WHERE case_id = ?1", id);
    expect(held).toEqual([{ status: "held" }]);
    expect(
      (await mailTo("security@vard.example.test")).filter((m) => m.headers["x-indexwatch-case"] === id),
    ).toHaveLength(0);
    // What the dashboard's "approve" does; then the outbox sends it.
    await env.DB.prepare("UPDATE notifications SET status = 'pending' WHERE case_id = ?1").bind(id).run();
    await disclosureCron(denv, NOW + 60_000);
    expect(
      (await mailTo("security@vard.example.test")).filter((m) => m.headers["x-indexwatch-case"] === id),
    ).toHaveLength(1);
    await env.DB.prepare("DELETE FROM teams WHERE name = 'CERT-SE (test)'").run();
  });
});

describe("temporary failures", () => {
  it("keep the notice pending and bring the send job back when it is due again", async () => {
    const down = discloseEnv({ SMTP_PORT: "1" }); // nothing listens there
    const id = await seedVerifiedCase("https://www.clinic2.test/retry/", NOW);
    const j = jobs();
    await discloseCase(down, id, NOW, { defer: j.defer });
    const retry = await handlers.send.run(down, { type: "send", caseId: id }, { attempts: 1, now: NOW });
    expect(retry).toEqual({ retryAfterSeconds: 60 });
    const [row] = await rows<{ status: string; attempts: number; last_error: string }>(
      "SELECT status, attempts, last_error FROM notifications WHERE case_id = ?1",
      id,
    );
    expect(row?.status).toBe("pending");
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toBeTruthy();
    // Too early: nothing is tried. When due, the working server gets it.
    expect(await handlers.send.run(denv, { type: "send", caseId: id }, { attempts: 2, now: NOW + 30_000 })).toEqual({
      retryAfterSeconds: 30,
    });
    expect(await handlers.send.run(denv, { type: "send", caseId: id }, { attempts: 3, now: NOW + 60_000 })).toBeNull();
    const mail = (await mailTo("sec@clinic2.test")).filter((m) => m.headers["x-indexwatch-case"] === id);
    expect(mail).toHaveLength(1);
  });
});

describe("bounces and suppression", () => {
  it("a bounce moves to the next contact; when all bounce, the hoster is told", async () => {
    await rejectAt("first@clinic4.test");
    const { id } = await disclose("https://www.clinic4.test/a/");
    expect(await mailTo("first@clinic4.test")).toHaveLength(0);
    expect(await mailTo("second@clinic4.test")).toHaveLength(1);
    const bounced = await rows<{ address: string }>(
      "SELECT address FROM contacts WHERE case_id = ?1 AND bounced_at IS NOT NULL",
      id,
    );
    expect(bounced.map((b) => b.address)).toEqual(["first@clinic4.test"]);

    await rejectAt("second@clinic4.test");
    const other = await disclose("https://www.clinic4.test/b/");
    expect(
      (await mailTo("second@clinic4.test")).filter((m) => m.headers["x-indexwatch-case"] === other.id),
    ).toHaveLength(0);
    const hoster = (await mailTo("abuse@hoster-x.example.test")).filter(
      (m) => m.headers["x-indexwatch-case"] === other.id,
    );
    expect(hoster).toHaveLength(1);
    expect(hoster[0]?.subject).toMatch(/^Abuse report: personal data exposed on www\.clinic4\.test/);
    const events = await rows<{ type: string }>("SELECT type FROM events WHERE case_id = ?1 ORDER BY id", other.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["bounced", "owner_unreachable", "escalated"]));
  });

  it("an address suppressed while its notice waited is skipped for the next contact", async () => {
    const id = await seedVerifiedCase("https://www.clinic8.test/a/", NOW);
    const j = jobs();
    await discloseCase(discloseEnv({ SMTP_PORT: "1" }), id, NOW, { defer: j.defer });
    await drainCase(discloseEnv({ SMTP_PORT: "1" }), id, NOW); // the server is down: it waits
    await env.DB.prepare("INSERT INTO suppressions (address, reason, created_at) VALUES (?1, 'asked', ?2)")
      .bind("first@clinic8.test", NOW)
      .run();
    await drainCase(denv, id, NOW + 60_000);
    expect(await mailTo("first@clinic8.test")).toHaveLength(0);
    expect(await mailTo("second@clinic8.test")).toHaveLength(1);
    const n = await rows<{ status: string; last_error: string | null }>(
      "SELECT status, last_error FROM notifications WHERE case_id = ?1 ORDER BY created_at",
      id,
    );
    expect(n.map((x) => `${x.status} ${x.last_error ?? ""}`.trim())).toEqual(["failed suppressed", "sent"]);
  });

  it("a suppressed address is never mailed", async () => {
    await env.DB.prepare("INSERT INTO suppressions (address, reason, created_at) VALUES (?1, 'asked', ?2)")
      .bind("sec@clinic3.test", NOW)
      .run();
    const before = (await mailTo("sec@clinic3.test")).length;
    const { id } = await disclose("https://www.clinic3.test/more/");
    expect(await mailTo("sec@clinic3.test")).toHaveLength(before);
    const events = await rows<{ type: string }>("SELECT type FROM events WHERE case_id = ?1", id);
    expect(events.map((e) => e.type)).toContain("owner_unreachable");
  });
});
