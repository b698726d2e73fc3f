// Which language a notice is written in: the owner's choice, else security.txt's
// Preferred-Languages, else the ccTLD's, else English.

export const NOTICE_LANGUAGES = ["en", "sv"] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

/** ccTLDs whose notices are written in a language other than English. */
const TLD_LANGUAGE: Record<string, NoticeLanguage> = { se: "sv", ax: "sv" };

export function isNoticeLanguage(s: string): s is NoticeLanguage {
  return (NOTICE_LANGUAGES as readonly string[]).includes(s);
}

/**
 * @param preferred Preferred-Languages tags in the owner's order (e.g. ["sv", "en"]).
 * @param host the listing's host; its last label is the TLD.
 * @example chooseLanguage({ preferred: ["de", "sv"], host: "example.com" }) // "sv"
 */
export function chooseLanguage(opts: {
  preferred?: readonly string[];
  host: string;
  chosen?: string | null;
}): NoticeLanguage {
  if (opts.chosen && isNoticeLanguage(opts.chosen)) return opts.chosen;
  for (const tag of opts.preferred ?? []) {
    const primary = tag.toLowerCase().split("-")[0] ?? "";
    if (isNoticeLanguage(primary)) return primary;
  }
  const tld = opts.host.toLowerCase().replace(/\.$/, "").split(".").pop() ?? "";
  return TLD_LANGUAGE[tld] ?? "en";
}
