// The country a ccTLD points to, for routing to a national CSIRT. Generic-use ccTLDs (.io, .co,
// .tv, .me, .ai …) and .eu say nothing about where a site is run, so they give no country.

const GENERIC_USE = new Set(["io", "co", "tv", "me", "ai", "ws", "fm", "eu", "cc", "to", "ly", "gg", "sh", "app"]);
/** ccTLDs that differ from the ISO 3166-1 alpha-2 code of their country. */
const TLD_TO_COUNTRY: Record<string, string> = { uk: "GB" };

/**
 * @example countryOfTld("clinic.example.se") // "SE"
 * @example countryOfTld("startup.io") // null
 */
export function countryOfTld(host: string): string | null {
  const tld = host.toLowerCase().replace(/\.$/, "").split(".").pop() ?? "";
  if (!/^[a-z]{2}$/.test(tld) || GENERIC_USE.has(tld)) return null;
  return TLD_TO_COUNTRY[tld] ?? tld.toUpperCase();
}
