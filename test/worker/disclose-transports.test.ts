// The transports on their own: SMTP over Workers sockets against the real sink (dot-stuffing,
// AUTH, refusals), and the send_email binding as wrangler simulates it.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildMime } from "../../worker/src/disclose/notice/mime.ts";
import { sendEmailTransport } from "../../worker/src/disclose/transports/send-email.ts";
import { dataBlock, smtpTransport } from "../../worker/src/disclose/transports/smtp.ts";
import { mailTo, rejectAt, SINK_HTTP } from "./disclose-helpers.ts";

const PORT = Number((env as unknown as Record<string, string>).SMTP_SINK_PORT);

function message(to: string, text: string) {
  const messageId = `<t.${crypto.randomUUID()}@indexwatch.example.test>`;
  const raw = buildMime(
    {
      from: "Indexwatch <notices@indexwatch.example.test>",
      to,
      replyTo: "disclosure@indexwatch.example.test",
      subject: "Åtgärdat: test",
      text,
      html: `<p>${text}</p>`,
      messageId,
      threadId: messageId,
      date: Date.UTC(2026, 10, 29),
      attachments: [],
      headers: {},
    },
    "b1",
  );
  return { from: "notices@indexwatch.example.test", to, raw, messageId };
}

const smtp = (over: Partial<Parameters<typeof smtpTransport>[0]> = {}) =>
  smtpTransport({
    host: "127.0.0.1",
    port: PORT,
    security: "plain",
    user: "indexwatch",
    password: "sink-password",
    helo: "indexwatch.example.test",
    ...over,
  });

describe("SMTP over Workers sockets", () => {
  it("dot-stuffs lines that start with a dot and ends DATA once", () => {
    expect(dataBlock("a\n.b\r\n..c\n.")).toBe("a\r\n..b\r\n...c\r\n..\r\n.\r\n");
    expect(dataBlock(".\r\n")).toBe("..\r\n.\r\n");
  });

  it("delivers a message whose body has dot lines, UTF-8 subject intact", async () => {
    const to = "dots@transport.example.test";
    const r = await smtp().send(message(to, ".starts with a dot\n.\nend"));
    expect(r.ok).toBe(true);
    const [m] = await mailTo(to);
    expect(m?.subject).toBe("Åtgärdat: test");
    expect(m?.text.trim()).toBe(".starts with a dot\n.\nend");
    expect(m?.user).toBe("indexwatch");
  });

  it("a refused recipient is a permanent failure (a bounce); a wrong password is not", async () => {
    await rejectAt("gone@transport.example.test");
    const bounced = await smtp().send(message("gone@transport.example.test", "x"));
    expect(bounced).toMatchObject({ ok: false, permanent: true });
    if (!bounced.ok) expect(bounced.error).toMatch(/^RCPT: 550/);
    const auth = await smtp({ password: "wrong" }).send(message("auth@transport.example.test", "x"));
    expect(auth).toMatchObject({ ok: false, permanent: false });
    if (!auth.ok) expect(auth.error).toMatch(/^AUTH: 535/);
    expect(await mailTo("auth@transport.example.test")).toHaveLength(0);
  });

  it("uses AUTH PLAIN, or AUTH LOGIN when that is all the server offers", async () => {
    const advertise = (methods: string[]) =>
      fetch(`${SINK_HTTP}/auth-methods`, { method: "POST", body: JSON.stringify({ methods }) });
    await advertise(["LOGIN"]);
    try {
      expect((await smtp().send(message("login@transport.example.test", "x"))).ok).toBe(true);
    } finally {
      await advertise(["LOGIN", "PLAIN"]);
    }
    expect((await smtp().send(message("plain@transport.example.test", "x"))).ok).toBe(true);
    expect((await mailTo("login@transport.example.test"))[0]?.authMethod).toBe("LOGIN");
    expect((await mailTo("plain@transport.example.test"))[0]?.authMethod).toBe("PLAIN");
  });

  it("a server that is not there is a temporary failure", async () => {
    const r = await smtp({ port: 1 }).send(message("x@transport.example.test", "x"));
    expect(r).toMatchObject({ ok: false, permanent: false });
  });
});

describe("the send_email binding", () => {
  it("accepts the raw message as built (simulated locally: nothing leaves)", async () => {
    const binding = (env as unknown as { EMAIL: SendEmail }).EMAIL;
    const r = await sendEmailTransport(binding).send(message("owner@binding.example.test", "hello"));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.messageId.length).toBeGreaterThan(0);
  });
});
