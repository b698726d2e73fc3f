/** What kind of file an entry is, judged from its name alone. */
export type Category =
  | "audio"
  | "video"
  | "image"
  | "document"
  | "spreadsheet"
  | "database"
  | "archive"
  | "credential"
  | "source-control"
  | "config"
  | "mailbox"
  | "disk-image"
  | "log"
  | "code"
  | "other";

/** Every category, in the order reports list them. */
export const CATEGORIES: readonly Category[] = [
  "audio",
  "video",
  "image",
  "document",
  "spreadsheet",
  "database",
  "archive",
  "credential",
  "source-control",
  "config",
  "mailbox",
  "disk-image",
  "log",
  "code",
  "other",
];
