// Cloudflare Email Service through the `send_email` binding (EMAIL): the raw MIME message, so
// our headers (Message-ID, Auto-Submitted, Reply-To) go out as built.
import { EmailMessage } from "cloudflare:email";
import type { Outgoing, SendResult, Transport } from "./types.ts";

export function sendEmailTransport(binding: { send(message: unknown): Promise<unknown> }): Transport {
  return {
    name: "send_email",
    async send(m: Outgoing): Promise<SendResult> {
      try {
        const r = (await binding.send(new EmailMessage(m.from, m.to, m.raw))) as { messageId?: string } | undefined;
        return { ok: true, messageId: r?.messageId ?? m.messageId };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        // The binding refuses destinations it is not allowed to mail: that will not change.
        return { ok: false, permanent: /not allowed|destination|recipient/i.test(error), error };
      }
    },
  };
}
