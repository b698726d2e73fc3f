// The key rate limits count a client under: an HMAC of its address with a secret, computed per
// request and handed to the rate-limiting binding. It is never stored, logged or returned.

const encoder = new TextEncoder();
let cached: { secret: string; key: CryptoKey } | undefined;

async function hmacKey(secret: string): Promise<CryptoKey> {
  if (cached?.secret !== secret) {
    const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    cached = { secret, key };
  }
  return cached.key;
}

/** The keyed hash of a client address (hex). */
export async function clientKey(secret: string, address: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(address));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
