/** Queue bodies: a `type`-tagged union, one member per job. */
export type QueueMessage = { type: "verify"; caseId: string };
