#!/usr/bin/env node
import { ADMIN_HELP, adminCommand } from "./commands/admin.ts";
import { DETECT_HELP, detectCommand } from "./commands/detect.ts";
import { SCAN_HELP, scanCommand } from "./commands/scan.ts";
import { CliError } from "./errors.ts";

const HELP = `indexwatch — find open directory listings that expose personal data

Usage: npm run -s cli -- <command> [options]

Commands:
  detect FILE --url URL [--content-type CT]   is this saved page a listing? what does it expose?
  detect --batch                              the same for JSON lines on stdin
  scan URL [--json] [budget options]          crawl a listing as the Worker verifies it, and
                                              estimate its size (Ctrl-C prints what was found)
  admin create-team|create-account|create-token   CERT teams, dashboard accounts, feed tokens
  help [command]                              this text, or a command's own

${DETECT_HELP}

${SCAN_HELP}

${ADMIN_HELP}`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  detect: detectCommand,
  scan: scanCommand,
  admin: adminCommand,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    const topic = command === "help" ? rest[0] : undefined;
    if (topic === "detect") process.stdout.write(`${DETECT_HELP}\n`);
    else if (topic === "scan") process.stdout.write(`${SCAN_HELP}\n`);
    else if (topic === "admin") process.stdout.write(`${ADMIN_HELP}\n`);
    else process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) throw new CliError(`unknown command: ${command} (try --help)`, 2);
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`indexwatch: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`indexwatch: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 70;
    }
  },
);
