/** One message for a transport: the envelope and the complete MIME text. */
export interface Outgoing {
  from: string;
  to: string;
  raw: string;
  messageId: string;
}

export type SendResult =
  | { ok: true; messageId: string }
  /** `permanent`: the address or message was refused for good (a bounce): try the next contact. */
  | { ok: false; permanent: boolean; error: string };

export interface Transport {
  name: string;
  send(m: Outgoing): Promise<SendResult>;
}
