// `indexwatch admin …`: teams (CERTs and operators) with their constituency, accounts with a
// password, and team API tokens — written straight into D1. Secrets are printed once and
// stored only as hashes (PBKDF2 for passwords, keyed HMAC for tokens).
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { parseConstituency } from "../../worker/src/auth/constituency.ts";
import { keyedHash, newSecret } from "../../worker/src/auth/keyed-hash.ts";
import { generatePassword, hashPassword } from "../../worker/src/auth/password.ts";
import { CliError } from "../errors.ts";
import { authSecret, execute, insertCount, sql, type Target } from "./admin-d1.ts";
import { readStdin } from "./admin-stdin.ts";

export const ADMIN_HELP = `indexwatch admin create-team --name NAME [--countries SE,NO] [--ranges CIDR,…] [--asns N,…]
                            [--operator] [--requires-approval]
indexwatch admin create-account --team NAME --login LOGIN [--password-stdin]
indexwatch admin create-token --team NAME [--account LOGIN]

  Teams, accounts and API tokens for the CERT dashboard and feeds, written to the local D1
  (the state \`npm start\` uses; --persist-to DIR for another) or, with --remote [--env
  production], to the deployed one through \`wrangler d1 execute\`.

  create-team     a CERT with its constituency (ISO country codes, CIDR ranges, AS numbers),
                  or with --operator a team that sees every case; --requires-approval holds
                  every notice in its constituency until the team approves it. Prints the
                  team's first API token once.
  create-account  a person who signs in to the dashboard as a member of the team. Prints a
                  generated password once, or takes one line from stdin (--password-stdin,
                  at least 12 characters).
  create-token    another API token of the team (of one account with --account: revoked
                  with it). Printed once.

  Tokens are stored as HMAC-SHA256 with AUTH_SECRET: the local development value from
  wrangler.toml, or INDEXWATCH_AUTH_SECRET (required with --remote).`;

const TEAM_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
const LOGIN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function target(v: { remote?: boolean; env?: string; "persist-to"?: string }): Target {
  const t: Target = { remote: v.remote === true };
  if (v.env) t.env = v.env;
  if (v["persist-to"]) t.persistTo = v["persist-to"];
  return t;
}

const COMMON = {
  remote: { type: "boolean" },
  env: { type: "string" },
  "persist-to": { type: "string" },
} as const;

function parse(argv: string[], options: ParseArgsOptionsConfig): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { ...COMMON, ...options },
      allowPositionals: false,
      strict: true,
    });
    return values as Record<string, string | boolean | undefined>;
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message : String(err)} (see admin --help)`, 2);
  }
}

async function createTeam(argv: string[]): Promise<number> {
  const v = parse(argv, {
    name: { type: "string" },
    countries: { type: "string" },
    ranges: { type: "string" },
    asns: { type: "string" },
    operator: { type: "boolean" },
    "requires-approval": { type: "boolean" },
  }) as Record<string, string | boolean | undefined>;
  const name = typeof v.name === "string" ? v.name.trim() : "";
  if (!TEAM_NAME.test(name)) throw new CliError("--name: letters, digits, space, '.', '_' or '-', at most 64", 2);
  let constituency: ReturnType<typeof parseConstituency>;
  try {
    constituency = parseConstituency({
      ...(typeof v.countries === "string" ? { countries: v.countries } : {}),
      ...(typeof v.ranges === "string" ? { ranges: v.ranges } : {}),
      ...(typeof v.asns === "string" ? { asns: v.asns } : {}),
    });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), 2);
  }
  const operator = v.operator === true;
  const empty = constituency.countries.length + constituency.ranges.length + constituency.asns.length === 0;
  if (!operator && empty) throw new CliError("a team needs --countries, --ranges or --asns (or --operator)", 2);
  const t = target(v as Parameters<typeof target>[0]);
  const token = newSecret("iwt_");
  const id = crypto.randomUUID();
  const now = Date.now();
  execute(t, [
    `INSERT INTO teams (id, name, operator, countries_json, ranges_json, asns_json, requires_approval, created_at)
     VALUES (${sql(id)}, ${sql(name)}, ${operator ? 1 : 0}, ${sql(JSON.stringify(constituency.countries))},
       ${sql(JSON.stringify(constituency.ranges))}, ${sql(JSON.stringify(constituency.asns))},
       ${v["requires-approval"] === true ? 1 : 0}, ${now})`,
    `INSERT INTO tokens (hash, purpose, team_id, created_at) VALUES (${sql(await keyedHash(authSecret(t), token))}, 'team', ${sql(id)}, ${now})`,
  ]);
  const scope = operator
    ? "every case (operator)"
    : [
        constituency.countries.length ? `countries ${constituency.countries.join(", ")}` : "",
        constituency.ranges.length ? `ranges ${constituency.ranges.join(", ")}` : "",
        constituency.asns.length ? `AS ${constituency.asns.join(", ")}` : "",
      ]
        .filter((x) => x)
        .join("; ");
  process.stdout.write(`team ${name} created (id ${id}); sees ${scope}\n`);
  process.stdout.write(`API token (shown once, store it now): ${token}\n`);
  return 0;
}

async function createAccount(argv: string[]): Promise<number> {
  const v = parse(argv, {
    team: { type: "string" },
    login: { type: "string" },
    "password-stdin": { type: "boolean" },
  }) as Record<string, string | boolean | undefined>;
  const team = typeof v.team === "string" ? v.team : "";
  const login = typeof v.login === "string" ? v.login.trim().toLowerCase() : "";
  if (!team) throw new CliError("--team NAME is required", 2);
  if (!LOGIN.test(login)) throw new CliError("--login: lower-case letters, digits, '.', '_' or '-', at most 64", 2);
  let password = generatePassword();
  const fromStdin = v["password-stdin"] === true;
  if (fromStdin) {
    password = (await readStdin()).split(/\r?\n/)[0] ?? "";
    if (password.length < 12 || password.length > 256)
      throw new CliError("the password must be 12 to 256 characters", 2);
  }
  const t = target(v as Parameters<typeof target>[0]);
  const written = insertCount(
    t,
    `INSERT INTO accounts (id, team_id, login, password_hash, created_at)
     SELECT ${sql(crypto.randomUUID())}, id, ${sql(login)}, ${sql(await hashPassword(password))}, ${Date.now()}
     FROM teams WHERE name = ${sql(team)}`,
  );
  if (written !== 1) throw new CliError(`no team named ${team}`);
  process.stdout.write(`account ${login} created in team ${team}\n`);
  if (!fromStdin) process.stdout.write(`password (shown once): ${password}\n`);
  return 0;
}

async function createToken(argv: string[]): Promise<number> {
  const v = parse(argv, { team: { type: "string" }, account: { type: "string" } }) as Record<
    string,
    string | boolean | undefined
  >;
  const team = typeof v.team === "string" ? v.team : "";
  if (!team) throw new CliError("--team NAME is required", 2);
  const account = typeof v.account === "string" ? v.account.toLowerCase() : null;
  const t = target(v as Parameters<typeof target>[0]);
  const token = newSecret("iwt_");
  const accountSql =
    account === null
      ? "NULL"
      : `(SELECT a.id FROM accounts a WHERE a.login = ${sql(account)} AND a.team_id = teams.id)`;
  const written = insertCount(
    t,
    `INSERT INTO tokens (hash, purpose, team_id, account_id, created_at)
     SELECT ${sql(await keyedHash(authSecret(t), token))}, 'team', id, ${accountSql}, ${Date.now()}
     FROM teams WHERE name = ${sql(team)}${account === null ? "" : ` AND ${accountSql} IS NOT NULL`}`,
  );
  if (written !== 1)
    throw new CliError(account === null ? `no team named ${team}` : `no account ${account} in team ${team}`);
  process.stdout.write(`API token (shown once, store it now): ${token}\n`);
  return 0;
}

const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  "create-team": createTeam,
  "create-account": createAccount,
  "create-token": createToken,
};

export async function adminCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    process.stdout.write(`${ADMIN_HELP}\n`);
    return 0;
  }
  const run = SUBCOMMANDS[sub];
  if (!run) throw new CliError(`unknown admin command: ${sub} (try admin --help)`, 2);
  return run(rest);
}
