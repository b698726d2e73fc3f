import type { Outgoing, SendResult, Transport } from "./types.ts";

/** The default transport: nothing leaves; the outbox row keeps the message (see outbox.ts). */
export const recordTransport: Transport = {
  name: "record",
  async send(m: Outgoing): Promise<SendResult> {
    return { ok: true, messageId: m.messageId };
  },
};
