import { checkTarget } from "../../../shared/net/guard.ts";

/** Who we are, to the servers we check (an honest User-Agent naming the project and an about page). */
export const USER_AGENT = "Indexwatch/0.1 (+https://indexwatch.example.org/about; verifies reported exposures)";
export const MAX_REDIRECTS = 5;
export const MAX_BYTES = 8 * 1024 * 1024;
export const TIMEOUT_MS = 15_000;

export type Fetched =
  | { ok: true; url: string; status: number; headers: Headers; text: string; sha256: string; truncated: boolean }
  | { ok: false; reason: string; status?: number };

/**
 * GET a listing as any stranger would: no credentials, every redirect hop re-checked by the
 * target guard (at most five), a timeout and a byte cap.
 */
export async function fetchListing(raw: string, opts: { allowLoopback: boolean }): Promise<Fetched> {
  let url = raw;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = checkTarget(url, opts);
    if (!target.ok) return { ok: false, reason: `refused target: ${target.message}` };
    let res: Response;
    try {
      res = await fetch(target.url.href, {
        redirect: "manual",
        headers: {
          "user-agent": USER_AGENT,
          accept: "text/html,application/xhtml+xml,application/xml,application/json;q=0.9,*/*;q=0.8",
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      return { ok: false, reason: `fetch failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("location");
      await res.body?.cancel();
      if (!location) return { ok: false, reason: "redirect without a location", status: res.status };
      url = new URL(location, target.url).href;
      continue;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      return { ok: false, reason: `HTTP ${res.status}`, status: res.status };
    }
    const { bytes, truncated } = await readCapped(res);
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    return {
      ok: true,
      url: target.url.href,
      status: res.status,
      headers: res.headers,
      text: new TextDecoder().decode(bytes),
      sha256,
      truncated,
    };
  }
  return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
}

async function readCapped(res: Response): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = res.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), truncated: false };
  const parts: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > MAX_BYTES) {
      parts.push(value.subarray(0, MAX_BYTES - size));
      size = MAX_BYTES;
      truncated = true;
      await reader.cancel();
      break;
    }
    parts.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return { bytes, truncated };
}
