// What the journeys are served from, on real nginx: a helpline tree whose host publishes a
// security.txt (journey 1), and a software mirror of installer images and packages (journey 3).
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const OWNER_CONTACT = "security@helpline.example.test";

/** Writes `root/.well-known/security.txt` naming the owner contact. */
export function writeSecurityTxt(root: string): void {
  mkdirSync(join(root, ".well-known"), { mode: 0o755 });
  chmodSync(join(root, ".well-known"), 0o755);
  writeFileSync(
    join(root, ".well-known/security.txt"),
    `Contact: mailto:${OWNER_CONTACT}\nExpires: 2099-01-01T00:00:00.000Z\nPreferred-Languages: en, sv\n`,
    { mode: 0o644 },
  );
}

/** A Debian-style mirror folder: installer images, their checksums and signatures (sparse). */
export function writeMirror(root: string): string {
  const rel = "debian-cd/12.8.0/amd64/iso-cd";
  const dir = join(root, rel);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (let d = dir; d.length > root.length; d = join(d, "..")) chmodSync(d, 0o755);
  chmodSync(root, 0o755);
  const files: [string, number][] = [
    ["debian-12.8.0-amd64-netinst.iso", 661_651_456],
    ["debian-edu-12.8.0-amd64-netinst.iso", 700_448_768],
    ["debian-mac-12.8.0-amd64-netinst.iso", 661_651_456],
    ["SHA256SUMS", 402],
    ["SHA256SUMS.sign", 833],
    ["SHA512SUMS", 594],
    ["SHA512SUMS.sign", 833],
  ];
  for (const [name, size] of files) {
    const fd = openSync(join(dir, name), "w", 0o644);
    ftruncateSync(fd, size);
    closeSync(fd);
    chmodSync(join(dir, name), 0o644);
  }
  return `/${rel}/`;
}
