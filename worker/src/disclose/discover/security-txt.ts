import { MAX_SECURITY_TXT_BYTES, mailAddresses, parseSecurityTxt } from "../../../../shared/disclosure/security-txt.ts";
import type { Get } from "../net.ts";
import type { FoundContact } from "./types.ts";

/** The security.txt of one origin: `/.well-known/` first, then the legacy `/security.txt`. */
async function fetchFile(get: Get, origin: string, now: number) {
  for (const path of ["/.well-known/security.txt", "/security.txt"]) {
    const res = await get(`${origin}${path}`, { accept: "text/plain", maxBytes: MAX_SECURITY_TXT_BYTES });
    if (res?.status !== 200 || !/^text\/plain\b/i.test(res.contentType)) continue;
    const file = parseSecurityTxt(res.text, res.url, now);
    if (file.contacts.length > 0) return file;
  }
  return null;
}

/**
 * Contacts from security.txt (RFC 9116): the exact host's file (over HTTPS, then at the
 * listing's own origin when that differs), else the registrable domain's, marked inherited.
 * A stale file or a Canonical mismatch lowers confidence to a last-resort hint.
 */
export async function securityTxtContacts(
  get: Get,
  listing: URL,
  registrable: string | null,
  now: number,
): Promise<{ contacts: FoundContact[]; languages: string[] }> {
  const host = listing.hostname;
  // RFC 9116: the file is served over HTTPS at the host (default port); then the listing's own origin.
  const origins = [`https://${listing.hostname}`];
  if (listing.origin !== origins[0]) origins.push(listing.origin);
  const tries: { origin: string; inherited: boolean }[] = origins.map((origin) => ({ origin, inherited: false }));
  if (registrable && registrable !== host) tries.push({ origin: `https://${registrable}`, inherited: true });
  for (const t of tries) {
    const file = await fetchFile(get, t.origin, now);
    if (!file) continue;
    const doubtful = file.stale || file.canonicalMismatch;
    const confidence = doubtful ? "low" : t.inherited ? "medium" : "high";
    return {
      languages: file.preferredLanguages,
      contacts: mailAddresses(file).map((address) => ({
        role: "owner",
        address,
        source: t.inherited ? "security.txt-domain" : "security.txt",
        confidence,
        language: null,
        detail: { stale: file.stale, canonicalMismatch: file.canonicalMismatch, signed: file.signed },
      })),
    };
  }
  return { contacts: [], languages: [] };
}
