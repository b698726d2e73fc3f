/** Every signal, in the order results list them (most telling first). */
export const SIGNALS = [
  "call-recording",
  "phone-number",
  "national-id",
  "email-address",
  "medical",
  "identity-document",
  "financial",
  "employment",
  "personal-word",
  "credentials",
  "source-control",
  "database-dump",
  "backup",
  "date-in-name",
  "date-partitioned",
] as const;

/** A hint, read from a name or a path, that a listing exposes something it should not. */
export type Signal = (typeof SIGNALS)[number];

/** Signals that mean a file is about a person (what `personalFiles` counts). */
export const PERSONAL_SIGNALS: readonly Signal[] = [
  "call-recording",
  "phone-number",
  "national-id",
  "email-address",
  "medical",
  "identity-document",
  "financial",
  "employment",
  "personal-word",
];
