import type { Bindings } from "../env.ts";
import { verifyCase } from "../verify/verify-case.ts";
import type { MessageOf, MessageType } from "./messages.ts";

/** What a handler asks of the consumer: done (ack), or try again after a delay. */
export type HandlerResult = { retryAfterSeconds: number } | null;

export interface Handler<T extends MessageType> {
  /** Checks an untrusted body's fields (its `type` is already known). */
  valid(body: Record<string, unknown>): body is MessageOf<T>;
  run(env: Bindings, body: MessageOf<T>, meta: { attempts: number; now: number }): Promise<HandlerResult>;
}

const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;

/** One entry per message type: the only place job types meet their code. */
export const handlers: { [T in MessageType]: Handler<T> } = {
  verify: {
    valid: (b): b is MessageOf<"verify"> => isId(b.caseId),
    run: async (env, body, { now }) => {
      await verifyCase(env, body.caseId, now);
      return null;
    },
  },
};
