// The disclosure jobs through the real queue consumer: `disclose` (sent by verification when a
// case becomes verified) discovers, records the notice and queues `send`; the default transport
// only records. A repeated message has no second effect.
import { expect, it } from "vitest";
import { FAKE, rows, seedVerifiedCase, world } from "./disclose-helpers.ts";
import { runQueue } from "./queue-support.ts";

it("disclose → one recorded notice to the security.txt contact, with the owner link withheld", async () => {
  await world({ securityTxt: { "127.0.0.1": { wellKnown: "Contact: mailto:owner@loopback.example.test\n" } } });
  const path = `/exposed/${crypto.randomUUID()}/`;
  await world({ listings: { [path]: "apache" } });
  const id = await seedVerifiedCase(`${FAKE}${path}`, Date.now(), {
    server: "Apache/2.4.62 (Debian)",
    format: "apache-htmltable",
  });
  const first = await runQueue([
    { type: "disclose", caseId: id },
    { type: "disclose", caseId: id },
    { type: "disclose", caseId: 42 },
  ]);
  expect(first.explicitAcks.sort()).toEqual(["m0", "m1", "m2"]);
  // `send` went through the real queue; the default transport only records.
  await expect
    .poll(
      async () =>
        (await rows<{ status: string }>("SELECT status FROM notifications WHERE case_id = ?1", id))[0]?.status,
      {
        timeout: 10_000,
      },
    )
    .toBe("sent");
  const n = await rows<{ transport: string; subject: string; body: string; template: string }>(
    "SELECT transport, subject, body, template FROM notifications WHERE case_id = ?1",
    id,
  );
  expect(n).toHaveLength(1);
  expect(n[0]).toMatchObject({ transport: "record", template: "notice" });
  expect(n[0]?.subject).toMatch(/^Personal data exposed on 127\.0\.0\.1/);
  const text = decodeParts(n[0]?.body ?? "");
  expect(text).toContain("Options -Indexes");
  expect(text).toContain("[owner link withheld from the stored copy]");
  expect(text).not.toMatch(/\/o\/[A-Za-z0-9_-]{20,}/);
  const events = await rows<{ type: string }>("SELECT type FROM events WHERE case_id = ?1 ORDER BY id", id);
  expect(events.filter((e) => e.type === "owner_notified")).toHaveLength(1);
});

/** The base64 text parts of a stored MIME message, decoded. */
function decodeParts(mime: string): string {
  const out: string[] = [];
  for (const part of mime.split(/\r\n--/)) {
    if (!/Content-Type: text\/(plain|html)/.test(part)) continue;
    const body = part.split("\r\n\r\n")[1]?.replace(/\r\n/g, "") ?? "";
    const bin = atob(body);
    out.push(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  }
  return out.join("\n");
}
