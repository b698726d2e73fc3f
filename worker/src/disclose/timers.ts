// The disclosure timers, in days after T0 (the first notification). `critical` is for medical
// and health data, ID documents, credentials, or more than 100k personal files.

export const DAY = 86_400_000;

export const TIMERS = {
  high: { reminder: 7, hoster: 10, cert: 14 },
  critical: { reminder: 3, hoster: 5, cert: 0 },
} as const;

/** An open case is handed to the CSIRT, unresolved, this long after T0. */
export const HANDOVER_DAYS = 90;
/** Two negative re-checks at least this far apart close a case. */
export const CLOSE_GAP_MS = DAY;
/** A closed case is watched (and reopened if the listing returns) for this long. */
export const REOPEN_WINDOW_DAYS = 90;
/** Evidence and URLs are deleted this long after closing. */
export const RETENTION_DAYS = 30;
/** Files above which a case is critical whatever its categories. */
export const CRITICAL_FILES = 100_000;

/** Days between routine re-checks of an open case: daily for 14 days, then every 3, weekly after 45. */
export function recheckIntervalDays(sinceT0Days: number): number {
  if (sinceT0Days < 14) return 1;
  if (sinceT0Days < 45) return 3;
  return 7;
}

/** Days between re-checks of a closed case while it may still be reopened. */
export const CLOSED_RECHECK_DAYS = 7;
