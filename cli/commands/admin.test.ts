import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyedHash } from "../../worker/src/auth/keyed-hash.ts";
import { verifyPassword } from "../../worker/src/auth/password.ts";
import { CliError } from "../errors.ts";
import { ADMIN_HELP, adminCommand } from "./admin.ts";
import { authSecret, execute } from "./admin-d1.ts";

const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "cli/index.ts");

function run(args: string[], input = "") {
  const r = spawnSync(process.execPath, [CLI, "admin", ...args], { input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("indexwatch admin: usage errors (no database touched)", () => {
  it("names what is wrong, as a usage error (exit 2)", async () => {
    for (const [args, message] of [
      [["create-team"], /--name/],
      [["create-team", "--name", "CERT-SE"], /needs --countries, --ranges or --asns/],
      [["create-team", "--name", "CERT-SE", "--countries", "Sweden"], /Sweden/],
      [["create-team", "--name", "CERT-SE", "--ranges", "192.0.2.1/24"], /192\.0\.2\.1\/24/],
      [["create-team", "--name", "<b>"], /--name/],
      [["create-account", "--login", "anna"], /--team/],
      [["create-account", "--team", "CERT-SE", "--login", "Anna Svensson"], /--login/],
      [["create-team", "--name", "X", "--countries", "SE", "--bogus"], /bogus/],
      [["frobnicate"], /unknown admin command/],
    ] as const) {
      const err = await adminCommand([...args]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, args.join(" ")).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode, args.join(" ")).toBe(2);
      expect((err as CliError).message).toMatch(message);
    }
  });

  it("prints one line on stderr and exits 2 from the command line; --help documents every subcommand", () => {
    const bad = run(["create-team", "--name", "CERT-SE", "--countries", "Sweden"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("indexwatch: not an ISO 3166-1 alpha-2 country code: Sweden\n");
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    for (const s of ["create-team", "create-account", "create-token", "--password-stdin", "--remote", "--operator"]) {
      expect(r.stdout).toContain(s);
    }
    expect(r.stdout).toBe(`${ADMIN_HELP}\n`);
  }, 120_000);
});

describe("indexwatch admin against a local D1", () => {
  let state: string;
  const target = () => ({ remote: false, persistTo: state });

  beforeAll(() => {
    state = mkdtempSync(join(tmpdir(), "indexwatch-admin-"));
    const m = spawnSync(
      join(ROOT, "node_modules/.bin/wrangler"),
      ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: {
          ...process.env,
          PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
          WRANGLER_SEND_METRICS: "false",
          WRANGLER_HIDE_BANNER: "true",
          CLOUDFLARE_CF_FETCH_ENABLED: "false",
        },
      },
    );
    if (m.status !== 0) throw new Error(m.stderr);
  }, 180_000);

  afterAll(() => rmSync(state, { recursive: true, force: true }));

  it("creates a team, prints its token once and stores only its keyed hash", async () => {
    const r = run([
      "create-team",
      "--name",
      "CERT-SE",
      "--countries",
      "se",
      "--ranges",
      "192.0.2.0/24",
      "--persist-to",
      state,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const token = /API token \(shown once, store it now\): (iwt_[A-Za-z0-9_-]{43})\n/.exec(r.stdout)?.[1] ?? "";
    expect(token).not.toBe("");
    const [rows] = execute(target(), [
      "SELECT t.countries_json, t.ranges_json, k.hash FROM teams t JOIN tokens k ON k.team_id = t.id WHERE t.name = 'CERT-SE'",
    ]);
    expect(rows).toEqual([
      { countries_json: '["SE"]', ranges_json: '["192.0.2.0/24"]', hash: await keyedHash(authSecret(target()), token) },
    ]);
    const again = run(["create-team", "--name", "CERT-SE", "--countries", "SE", "--persist-to", state]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("indexwatch: a team with that name already exists\n");
  }, 180_000);

  it("gives an account a password from stdin (stored as PBKDF2) or a generated one, printed once", async () => {
    const password = "a long enough password";
    const r = run(
      ["create-account", "--team", "CERT-SE", "--login", "Anna", "--password-stdin", "--persist-to", state],
      `${password}\n`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(password);
    const gen = run(["create-account", "--team", "CERT-SE", "--login", "bo", "--persist-to", state]);
    const generated = /password \(shown once\): (\S{20})\n/.exec(gen.stdout)?.[1] ?? "";
    expect(generated).toHaveLength(20);
    const [rows] = execute(target(), ["SELECT login, password_hash FROM accounts ORDER BY login"]);
    const byLogin = new Map((rows ?? []).map((x) => [x.login as string, x.password_hash as string]));
    expect([...byLogin.keys()]).toEqual(["anna", "bo"]);
    expect(byLogin.get("anna")).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword(password, byLogin.get("anna") ?? "")).toBe(true);
    expect(await verifyPassword(generated, byLogin.get("bo") ?? "")).toBe(true);
    const missing = run(["create-account", "--team", "CERT-XX", "--login", "cy", "--persist-to", state]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("indexwatch: no team named CERT-XX\n");
  }, 180_000);

  it("makes another token of the team, or of one account", () => {
    const r = run(["create-token", "--team", "CERT-SE", "--account", "anna", "--persist-to", state]);
    expect(r.code).toBe(0);
    const [rows] = execute(target(), [
      "SELECT count(*) AS n FROM tokens k JOIN accounts a ON a.id = k.account_id WHERE a.login = 'anna'",
    ]);
    expect(rows?.[0]?.n).toBe(1);
    const wrong = run(["create-token", "--team", "CERT-SE", "--account", "nobody", "--persist-to", state]);
    expect(wrong.code).toBe(1);
  }, 180_000);
});
