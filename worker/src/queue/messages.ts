/**
 * Queue bodies: a `type`-tagged union, one member per job. Each job's handler is registered in
 * `handlers.ts`; a body whose type has no handler, or whose fields are wrong, is dropped.
 */
export type QueueMessage =
  // `attempt`: set when verification re-sends itself after waiting for a busy host.
  | { type: "verify"; caseId: string; attempt?: number }
  // One subfolder of a case's crawl (its URL lives only here, never in D1).
  | { type: "crawl"; caseId: string; url: string; depth: number }
  | { type: "crawl_deadline"; caseId: string }
  // Disclosure: start it for a verified case; send a case's due notices; re-check its listing.
  | { type: "disclose"; caseId: string }
  | { type: "send"; caseId: string }
  | { type: "recheck"; caseId: string };

export type MessageType = QueueMessage["type"];
export type MessageOf<T extends MessageType> = Extract<QueueMessage, { type: T }>;
