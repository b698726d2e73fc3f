// The demo team and the operator `npm start` seeds into its local D1, through the admin CLI
// (`indexwatch admin create-team|create-account`). Their generated passwords are kept beside
// the local state (`<state>/indexwatch-demo.json`, never committed) so that a second start
// prints the same logins; a wiped database gets them again.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatePassword } from "../../worker/src/auth/password.ts";
import { execute, sql } from "../commands/admin-d1.ts";

const ROOT = join(import.meta.dirname, "../..");

export interface DemoAccount {
  team: string;
  /** `create-team` options that give the team its constituency. */
  teamArgs: string[];
  login: string;
  password: string;
  what: string;
}

const WANTED: Omit<DemoAccount, "password">[] = [
  {
    team: "Demo CERT",
    teamArgs: ["--countries", "SE"],
    login: "cert-demo",
    what: "a national CERT whose constituency is Sweden (SE)",
  },
  {
    team: "Operators",
    teamArgs: ["--operator"],
    login: "operator",
    what: "the instance's operators: every case, including the local demo's (no location)",
  },
];

function cli(args: string[], stdin = ""): void {
  const r = spawnSync(process.execPath, [join(ROOT, "cli/index.ts"), "admin", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    input: stdin,
  });
  if (r.status !== 0) throw new Error(`indexwatch admin ${args[0]}: ${r.stderr.trim()}`);
}

/** Makes sure the demo teams and accounts exist in the local D1 at `persistTo`; answers them. */
export function seedDemoAccounts(persistTo: string): DemoAccount[] {
  const file = join(persistTo, "indexwatch-demo.json");
  const known = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoAccount[]) : [];
  const target = { remote: false, persistTo };
  const [teams = [], accounts = []] = execute(target, [
    `SELECT name FROM teams WHERE name IN (${WANTED.map((w) => sql(w.team)).join(", ")})`,
    `SELECT login FROM accounts WHERE login IN (${WANTED.map((w) => sql(w.login)).join(", ")})`,
  ]);
  const haveTeam = new Set(teams.map((r) => String(r.name)));
  const haveLogin = new Set(accounts.map((r) => String(r.login)));
  const out: DemoAccount[] = [];
  for (const w of WANTED) {
    const kept = known.find((k) => k.login === w.login);
    let password = kept?.password ?? "";
    if (!haveTeam.has(w.team)) cli(["create-team", "--name", w.team, ...w.teamArgs, "--persist-to", persistTo]);
    if (!haveLogin.has(w.login) || !password) {
      // An account whose password was lost (the file removed) is not recoverable: a new login.
      if (haveLogin.has(w.login)) throw new Error(`${file} is missing: remove ${persistTo} to start afresh`);
      password = generatePassword();
      cli(
        ["create-account", "--team", w.team, "--login", w.login, "--password-stdin", "--persist-to", persistTo],
        `${password}\n`,
      );
    }
    out.push({ ...w, password });
  }
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
  return out;
}
