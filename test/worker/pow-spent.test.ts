// A used proof-of-work challenge is remembered by the hash of its nonce only (the privacy
// audit after the journeys found the raw nonce in `pow_spent`), and still refused when used again.
import { env } from "cloudflare:workers";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { expect, it } from "vitest";
import { app } from "../../worker/src/app.ts";
import type { QueueMessage } from "../../worker/src/queue/messages.ts";
import { hashToken } from "../../worker/src/security/tokens.ts";
import { exampleReport } from "../support/example-report.ts";

it("keeps only the hash of a used challenge's nonce, and refuses the challenge again", async () => {
  const e = { ...env, VERIFY: { send: async (_m: QueueMessage) => undefined } as unknown as Queue };
  const challenge = (await (await app.request("/api/v1/challenge", {}, e)).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  const post = () =>
    app.request(
      "/api/v1/reports",
      {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.61" },
        body: JSON.stringify(
          exampleReport({
            listingUrl: `http://files.example.com:443/pow-${crypto.randomUUID()}/`,
            pow: { challenge, solution },
          }),
        ),
      },
      e,
    );
  expect((await post()).status).toBe(202);
  const nonce = challenge.parameters.nonce as string;
  const rows = (await env.DB.prepare("SELECT nonce FROM pow_spent").all<{ nonce: string }>()).results;
  expect(rows.map((r) => r.nonce)).toContain(await hashToken(nonce));
  expect(JSON.stringify(rows)).not.toContain(nonce);
  const again = await post();
  expect(again.status).toBe(403);
  expect(((await again.json()) as { error: { code: string } }).error.code).toBe("pow_invalid");
});
