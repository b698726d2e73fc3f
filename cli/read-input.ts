import { readFileSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { CliError } from "./errors.ts";

/** Files larger than this are refused: a listing page is at most a few tens of megabytes. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Paths are relative to where the user ran `npm run`, not to the package root. */
export function userPath(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function charsetOf(contentType: string | undefined): string {
  const m = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? "");
  return (m?.[1] ?? "utf-8").toLowerCase();
}

/** Reads a saved response body as text, refusing missing, unreadable, oversized and binary files. */
export function readBody(path: string, contentType?: string): string {
  const full = userPath(path);
  let bytes: Buffer;
  try {
    const st = statSync(full);
    if (st.isDirectory()) throw new CliError(`${path}: is a directory, not a saved page`);
    if (st.size > MAX_FILE_BYTES)
      throw new CliError(`${path}: ${st.size} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
    bytes = readFileSync(full);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`${path}: no such file`);
    if (code === "EACCES" || code === "EPERM") throw new CliError(`${path}: permission denied`);
    throw new CliError(`${path}: cannot read (${code ?? "unknown error"})`);
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) throw new CliError(`${path}: binary file (not an HTML, XML, JSON or text listing)`);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charsetOf(contentType));
  } catch {
    throw new CliError(`unknown charset in content type: ${contentType}`);
  }
  return decoder.decode(bytes);
}
