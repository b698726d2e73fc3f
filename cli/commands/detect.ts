import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { CliError } from "../errors.ts";
import { type DetectRequest, detectOne } from "./detect-one.ts";

export const DETECT_HELP = `indexwatch detect FILE --url URL [--content-type CT] [--pretty]
indexwatch detect --batch

  Decides whether a saved response body is a directory listing, reads its entries and
  judges what it exposes. Prints one JSON object:
    {listing, format, server, entries: [{name, isDir, size, modified, category}],
     summary: {files, directories, bytes, categories, oldest, newest},
     signals, severity, reasons}
  name is the decoded name as the server stores it; size is bytes (approximate where the
  server rounds); modified is ISO 8601; severity is critical|high|medium|low|info, or
  null when the page is no listing.

  --url URL            the URL the page was fetched from (resolves relative links)
  --content-type CT    the response's Content-Type (charset and JSON/XML/text kind)
  --pretty             indent the JSON
  --batch              read JSON lines {"file", "url", "contentType"} on stdin and write
                       one result line per input, in order; a line that fails gives
                       {"file", "error"} and the exit code is 1 at the end`;

async function batch(): Promise<number> {
  let failed = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === "") continue;
    let req: DetectRequest;
    let out: unknown;
    try {
      const raw = JSON.parse(line) as Record<string, unknown>;
      if (typeof raw !== "object" || raw === null || typeof raw.file !== "string" || typeof raw.url !== "string") {
        throw new CliError(`line ${n}: expected {"file": string, "url": string, "contentType"?: string}`);
      }
      req = { file: raw.file, url: raw.url };
      if (typeof raw.contentType === "string") req.contentType = raw.contentType;
      out = detectOne(req);
    } catch (err) {
      failed++;
      const message =
        err instanceof CliError ? err.message : err instanceof SyntaxError ? `line ${n}: not JSON` : String(err);
      out = { line: n, error: message };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return failed === 0 ? 0 : 1;
}

/** `indexwatch detect` */
export async function detectCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${DETECT_HELP}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${DETECT_HELP}\n`);
    return 0;
  }
  if (values.batch) {
    if (positionals.length > 0) throw new CliError("--batch reads files named on stdin; give no FILE", 2);
    return batch();
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new CliError(`missing FILE\n\n${DETECT_HELP}`, 2);
  if (extra.length > 0) throw new CliError(`one FILE at a time (use --batch for many): ${extra.join(" ")}`, 2);
  if (values.url === undefined) throw new CliError("missing --url URL (relative links are resolved against it)", 2);
  const req: DetectRequest = { file, url: values.url };
  if (values["content-type"] !== undefined) req.contentType = values["content-type"];
  const out = detectOne(req);
  process.stdout.write(`${JSON.stringify(out, null, values.pretty ? 2 : undefined)}\n`);
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: "string" },
      "content-type": { type: "string" },
      batch: { type: "boolean" },
      pretty: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
