import { parseRfc3339 } from "./rfc3339.ts";

// RFC 9116 security.txt: the fields disclosure uses, read line by line. Pure: the clock is passed in.

export interface SecurityTxt {
  /** Contact URIs in file order: the owner's order of preference (§2.5.3). */
  contacts: string[];
  /** `Expires` in Unix ms, or null when absent or unreadable. */
  expires: number | null;
  /** Past `Expires`: the file "should not be used" (§2.5.5), so its contacts are a last resort. */
  stale: boolean;
  canonical: string[];
  /** `Canonical` is present and does not list the URL fetched: not to be trusted (§2.5.2). */
  canonicalMismatch: boolean;
  preferredLanguages: string[];
  encryption: string[];
  /** The file carries an OpenPGP cleartext signature (not verified here). */
  signed: boolean;
}

/** The largest file read (bytes); larger ones are cut there. */
export const MAX_SECURITY_TXT_BYTES = 32 * 1024;

const PGP_BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
const PGP_SIG = "-----BEGIN PGP SIGNATURE-----";

/** The lines of the signed body when the file is OpenPGP cleartext-signed (RFC 4880 §7), else all. */
function bodyLines(text: string): { lines: string[]; signed: boolean } {
  const all = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const begin = all.findIndex((l) => l.trim() === PGP_BEGIN);
  if (begin < 0) return { lines: all, signed: false };
  let i = begin + 1;
  while (i < all.length && all[i]?.trim() !== "") i++; // armor headers (Hash: …) up to the blank line
  const end = all.findIndex((l, j) => j > i && l.trim() === PGP_SIG);
  const body = all.slice(i + 1, end < 0 ? undefined : end).map((l) => (l.startsWith("- ") ? l.slice(2) : l));
  return { lines: body, signed: end >= 0 };
}

/**
 * Parses a security.txt. `fetchedUrl` is where it came from (for the Canonical check), `now`
 * the current time in Unix ms. Unknown fields and comments are ignored; field names are
 * case-insensitive; only `mailto:`, `https:` and `tel:` contacts are kept.
 * @example parseSecurityTxt("Contact: mailto:sec@example.test\n", "https://example.test/.well-known/security.txt", 0).contacts // ["mailto:sec@example.test"]
 */
export function parseSecurityTxt(text: string, fetchedUrl: string, now: number): SecurityTxt {
  const { lines, signed } = bodyLines(text.slice(0, MAX_SECURITY_TXT_BYTES));
  const out: SecurityTxt = {
    contacts: [],
    expires: null,
    stale: false,
    canonical: [],
    canonicalMismatch: false,
    preferredLanguages: [],
    encryption: [],
    signed,
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (value === "") continue;
    switch (name) {
      case "contact":
        if (/^(mailto:|https:|tel:)/i.test(value) && !out.contacts.includes(value)) out.contacts.push(value);
        break;
      case "expires":
        // RFC 9116 allows one Expires; the first wins.
        if (out.expires === null) {
          out.expires = parseRfc3339(value);
        }
        break;
      case "canonical":
        out.canonical.push(value);
        break;
      case "preferred-languages":
        for (const tag of value.split(",")) {
          const t = tag.trim().toLowerCase();
          if (/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(t)) out.preferredLanguages.push(t);
        }
        break;
      case "encryption":
        out.encryption.push(value);
        break;
    }
  }
  out.stale = out.expires !== null && out.expires < now;
  out.canonicalMismatch = out.canonical.length > 0 && !out.canonical.includes(fetchedUrl);
  return out;
}

/** The e-mail addresses of a file's contacts, in its order (`mailto:` URIs only, lower-cased). */
export function mailAddresses(file: SecurityTxt): string[] {
  const out: string[] = [];
  for (const c of file.contacts) {
    const m = /^mailto:([^?]+)/i.exec(c);
    if (!m?.[1]) continue;
    let addr: string;
    try {
      addr = decodeURIComponent(m[1]).trim().toLowerCase();
    } catch {
      continue;
    }
    if (/^[^\s@<>",;]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(addr) && !out.includes(addr)) out.push(addr);
  }
  return out;
}
