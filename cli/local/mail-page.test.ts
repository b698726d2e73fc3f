import { describe, expect, it } from "vitest";
import { ownerLink, renderMailPage } from "./mail-page.ts";
import type { SinkMessage } from "./smtp-sink.ts";

function mail(over: Partial<SinkMessage>): SinkMessage {
  return {
    envelope: { from: "notices@indexwatch.example.test", to: ["security@helpline.example.test"] },
    user: null,
    authMethod: null,
    raw: "",
    subject: "Personal data exposed on 127.0.0.1",
    from: "Indexwatch <notices@indexwatch.example.test>",
    to: "security@helpline.example.test",
    replyTo: "",
    messageId: "",
    inReplyTo: null,
    headers: { date: JSON.stringify("2026-11-29T12:00:00.000Z") },
    text: "See http://127.0.0.1:8787/o/AbCdEfGhIjKlMnOpQrStUvWxYz012345 to answer.",
    html: "",
    attachments: [],
    ...over,
  };
}

describe("the mail page", () => {
  it("finds the owner's link in a notice", () => {
    expect(ownerLink(mail({}).text)).toBe("http://127.0.0.1:8787/o/AbCdEfGhIjKlMnOpQrStUvWxYz012345");
    expect(ownerLink("no link here, just /o/short")).toBeNull();
  });

  it("shows subject, recipient, date, text and link, newest first", () => {
    const html = renderMailPage([mail({ subject: "first" }), mail({ subject: "second", headers: {} })]);
    expect(html.indexOf("2. second")).toBeGreaterThan(-1);
    expect(html.indexOf("2. second")).toBeLessThan(html.indexOf("1. first"));
    expect(html).toContain("security@helpline.example.test");
    expect(html).toContain("2026-11-29T12:00:00.000Z");
    expect(html).toContain('<a href="http://127.0.0.1:8787/o/AbCdEfGhIjKlMnOpQrStUvWxYz012345">');
    expect(html).toContain("mail sent (2)");
  });

  it("escapes what came from a listing or a header", () => {
    const html = renderMailPage([mail({ subject: "<img src=x onerror=alert(1)>", text: "a <script>b</script> & c" })]);
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("a &lt;script&gt;b&lt;/script&gt; &amp; c");
  });

  it("says when nothing was sent", () => {
    expect(renderMailPage([])).toContain("Nothing sent yet");
  });
});
