// Real nginx and Apache httpd (Debian's packages) serving a folder with directory listings on
// a free 127.0.0.1 port, for tests and benchmarks that must meet the servers users meet. Each
// runs in its own process group with its own config and scratch folder (the system config is
// only read), and `stop()` ends the whole group. Needs root (the servers drop to www-data) and
// the packages installed (`.ci/run` installs them; `serverInstalled` tells).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** The server's own version string, as its Server header names it (e.g. `nginx/1.22.1`). */
  name: string;
  stop(): Promise<void>;
}

const NGINX = "/usr/sbin/nginx";
const APACHE = "/usr/sbin/apache2";

export function serverInstalled(which: "nginx" | "apache"): boolean {
  return existsSync(which === "nginx" ? NGINX : APACHE);
}

/** A TCP port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ host: "127.0.0.1", port });
    c.once("connect", () => {
      c.destroy();
      resolve(true);
    });
    c.once("error", () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, log: string, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await accepts(port)) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const tail = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
  throw new Error(`${what} did not start on 127.0.0.1:${port}\n${tail}`);
}

function run(cmd: string, args: string[], log: string): ChildProcess {
  // detached: its own process group, so stop() ends the master and its workers together.
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "ignore", "ignore"] });
  child.unref();
  writeFileSync(log, "", { flag: "a" });
  return child;
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  let stopped: Promise<void> | null = null;
  return () => {
    stopped ??= (async () => {
      const pid = child.pid;
      if (pid !== undefined && child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        try {
          process.kill(-pid, "SIGTERM");
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-pid, "SIGKILL");
          } catch {
            // already gone
          }
        }, 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
}

/** The version a server binary prints (`nginx -v` writes to stderr, `apache2 -v` to stdout). */
function versionOf(bin: string, flag: string, pattern: RegExp): string {
  const r = spawnSync(bin, [flag], { encoding: "utf8" });
  return pattern.exec(`${r.stdout ?? ""}${r.stderr ?? ""}`)?.[1] ?? "";
}

export interface NginxOptions {
  /** `autoindex_format` (default html). */
  format?: "html" | "json" | "xml";
  /** `autoindex_exact_size` (default on). */
  exactSize?: boolean;
  /** Lines added inside the `server {}` block (e.g. a location that needs a cookie). */
  serverConfig?: string;
}

/** nginx with `autoindex on` for `root` on a free 127.0.0.1 port. */
export async function startNginx(root: string, opts: NginxOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "indexwatch-nginx-"));
  mkdirSync(join(dir, "logs"));
  mkdirSync(join(dir, "tmp"));
  const port = await freePort();
  const log = join(dir, "logs", "error.log");
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `user www-data;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${log};
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    autoindex on;
    autoindex_format ${opts.format ?? "html"};
    autoindex_exact_size ${opts.exactSize === false ? "off" : "on"};
${opts.serverConfig ?? ""}
  }
}
`,
  );
  const child = run(NGINX, ["-p", dir, "-c", conf, "-g", "daemon off;"], log);
  const stop = stopper(child, dir);
  try {
    await waitForPort(port, child, log, "nginx");
  } catch (err) {
    await stop();
    throw err;
  }
  const version = versionOf(NGINX, "-v", /nginx\/(\S+)/);
  return { url: `http://127.0.0.1:${port}/`, port, name: `nginx/${version}`, stop };
}

export interface ApacheOptions {
  /** Lines added inside the `<VirtualHost>` (e.g. a `<Location>` that needs a cookie). */
  hostConfig?: string;
}

const APACHE_MODULES = [
  "mpm_event",
  "authz_core",
  "authz_host",
  "autoindex",
  "dir",
  "mime",
  "setenvif",
  "rewrite",
  "headers",
];

/**
 * Apache httpd with Debian's own autoindex settings (FancyIndexing, HTMLTable, its icons and
 * IndexIgnore), as a fresh `apt-get install apache2` serves a folder with `Options Indexes`.
 */
export async function startApache(root: string, opts: ApacheOptions = {}): Promise<RunningServer> {
  const A = "/etc/apache2";
  const dir = mkdtempSync(join(tmpdir(), "indexwatch-apache-"));
  for (const d of ["run", "logs", "lock"]) mkdirSync(join(dir, d));
  const port = await freePort();
  const log = join(dir, "logs", "error.log");
  const lines = [
    `ServerRoot ${A}`,
    `DefaultRuntimeDir ${dir}/run`,
    `PidFile ${dir}/run/apache2.pid`,
    `Mutex file:${dir}/lock default`,
    `ErrorLog ${log}`,
    "LogLevel warn",
    "User www-data",
    "Group www-data",
    "ServerName 127.0.0.1",
    "HostnameLookups Off",
  ];
  for (const m of APACHE_MODULES) {
    lines.push(`Include ${A}/mods-available/${m}.load`);
    if (existsSync(`${A}/mods-available/${m}.conf`)) lines.push(`Include ${A}/mods-available/${m}.conf`);
  }
  lines.push(
    "<Directory />\n  Options FollowSymLinks\n  AllowOverride None\n  Require all denied\n</Directory>",
    "<Directory /usr/share>\n  AllowOverride None\n  Require all granted\n</Directory>",
    `<Directory ${root}>\n  Options Indexes FollowSymLinks\n  AllowOverride None\n  Require all granted\n</Directory>`,
    `Include ${A}/conf-available/charset.conf`,
    `Include ${A}/conf-available/security.conf`,
    `Listen 127.0.0.1:${port}`,
    `<VirtualHost 127.0.0.1:${port}>\n  DocumentRoot ${root}\n${opts.hostConfig ?? ""}\n</VirtualHost>`,
  );
  const conf = join(dir, "apache2.conf");
  writeFileSync(conf, `${lines.join("\n")}\n`);
  const child = run(APACHE, ["-f", conf, "-DFOREGROUND"], log);
  const stop = stopper(child, dir);
  try {
    await waitForPort(port, child, log, "apache2");
  } catch (err) {
    await stop();
    throw err;
  }
  const version = versionOf(APACHE, "-v", /Apache\/(\S+)/);
  return { url: `http://127.0.0.1:${port}/`, port, name: `Apache/${version}`, stop };
}
