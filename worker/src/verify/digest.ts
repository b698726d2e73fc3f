import type { Hasher } from "./read-page.ts";

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of a body as it streams past, with workerd's DigestStream (nothing is held). */
export function digestHasher(): Hasher {
  const stream = new crypto.DigestStream("SHA-256");
  const writer = stream.getWriter();
  return {
    write: (chunk) => writer.write(chunk),
    hex: async () => {
      await writer.close();
      return hex(await stream.digest);
    },
  };
}
