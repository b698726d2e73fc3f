const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  byte: 1,
  bytes: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
  p: 1024 ** 5,
  pb: 1024 ** 5,
  pib: 1024 ** 5,
};

/** A size token: `1843244`, `1,843,244 bytes`, `1.8M`, `1.8 MiB`, `1800 kB`, `1800.0 KiB`. */
export const SIZE_TOKEN = /(?:^|\s)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(bytes?|[kmgtp]i?b|[kmgtp]|b)?(?=\s|$)/i;

/**
 * Parses a size as servers print it; binary multiples (servers print 1024-based K/M).
 * @example parseSize("1.8M") // 1887437
 */
export function parseSize(token: string): number | undefined {
  const m = SIZE_TOKEN.exec(` ${token.trim()} `);
  if (!m) return undefined;
  const digits = (m[1] as string).replace(/,/g, "");
  const unit = UNITS[(m[2] ?? "").toLowerCase()];
  if (unit === undefined) return undefined;
  const value = Number(digits) * unit;
  return Number.isFinite(value) ? Math.round(value) : undefined;
}
