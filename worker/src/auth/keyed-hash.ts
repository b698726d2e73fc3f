// Session cookies and team API tokens are stored only as HMAC-SHA256(AUTH_SECRET, token): a
// stolen database alone cannot be turned into a working token. Runs in the Worker and in Node.

const encoder = new TextEncoder();

/** The keyed hash of a token, hex. */
export async function keyedHash(secret: string, token: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(token));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new 256-bit secret, URL-safe base64 (43 characters); `prefix` says what it is for. */
export function newSecret(prefix = ""): string {
  let s = "";
  for (const b of crypto.getRandomValues(new Uint8Array(32))) s += String.fromCharCode(b);
  return prefix + btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
