import type { Bindings } from "../env.ts";
import { verifyCase } from "../verify/verify-case.ts";
import type { QueueMessage } from "./messages.ts";

function isMessage(body: unknown): body is QueueMessage {
  const b = body as { type?: unknown; caseId?: unknown };
  return typeof b === "object" && b !== null && b.type === "verify" && typeof b.caseId === "string";
}

/** Each message acked or retried on its own; a malformed one is acked (it could never succeed). */
export async function consume(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  for (const msg of batch.messages) {
    if (!isMessage(msg.body)) {
      console.warn("dropping a malformed queue message");
      msg.ack();
      continue;
    }
    try {
      await verifyCase(env, msg.body.caseId, Date.now());
      msg.ack();
    } catch (err) {
      console.error("verify failed", err instanceof Error ? err.message : String(err));
      msg.retry({ delaySeconds: Math.min(3600, 60 * 2 ** msg.attempts) });
    }
  }
}
