// The hostile file names of the suite. Each is shaped like a helpline call recording (a
// timestamp, a phone number from Sweden's range for fiction, `_inbound.wav`), so that a listing
// of them is reportable and its names travel all the way to the dashboard, the owner's page and
// the notice. `ON_DISK` can be created on a Linux file system (no `/`, no NUL); the names no file
// system allows are served by the hostile server (server.ts).

/** Payloads: markup and script, template syntax, header injection, bidi and invisible characters. */
export const PAYLOADS: readonly string[] = [
  "<script>alert(1)<!--",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "javascript:alert(1)",
  "<iframe src=javascript:alert(1)>",
  "<form action=x><button>",
  "{{constructor.constructor('alert(1)')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile name, meant literally
  "${alert(1)}",
  "&lt;b&gt;already-escaped&amp;",
  "x\r\nBcc: victim@example.test",
  "x\rSubject: injected",
  "x\nTo: victim@example.test",
  "\u202Evaw.exe",
  "zero\u200Bwidth\u200D\u2066bidi\u2069\u061Cmarks\uFEFF",
];

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The recording name around a payload (`i` varies the time and the phone number). */
export function recording(payload: string, day: string, i: number): string {
  const stamp = `${day.replaceAll("-", "")}-08${pad(i)}00`;
  return `${payload}_${stamp}_+467017406${pad(5 + (i % 95))}_inbound.wav`;
}

/** The on-disk names of one day folder: half of the payloads each (a case keeps ten samples). */
export function dayNames(half: 0 | 1, day: string): string[] {
  const mine = PAYLOADS.filter((_, i) => i % 2 === half);
  return [...mine.map((p, i) => recording(p, day, i)), recording("call", day, 40), recording("call", day, 41)];
}

/** The length of the megabyte name (2 MiB of letters between a payload and the recording's tail). */
export const MEGA_LETTERS = 2 * 1024 * 1024;

/** A name of more than two megabytes (no file system allows more than 255 bytes). */
export function megaName(): string {
  return recording(`<script>alert(1)<!--${"a".repeat(MEGA_LETTERS)}`, "2013-04-09", 50);
}
