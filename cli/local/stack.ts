// The whole system on 127.0.0.1, as `npm start` runs it (and the scripts that test it): the
// Worker under `wrangler dev` (local D1 with migrations, queues, cron ticked from here), a
// demo exposed host (a helpline-like tree in nginx's autoindex markup, with a security.txt),
// one local stand-in for the Internet that discovery asks (RDAP, DNS-over-HTTPS) wired through
// the Worker's vars, a real SMTP sink the Worker mails through with a page of what was sent,
// the demo CERT team and an operator, and the extension built for this Worker.
import { mkdirSync } from "node:fs";
import { applyMigrations, type DevWorker, startDevWorker } from "../dev-worker.ts";
import { buildLocalExtension } from "./build-extension.ts";
import { type CronTicker, startCronTicker } from "./cron-ticker.ts";
import { type DemoAccount, seedDemoAccounts } from "./demo-accounts.ts";
import { BOOTSTRAP_HOST, DOH_HOST, type FakeInternet, startFakeInternet } from "./fake-internet.ts";
import { rdapEntity } from "./rdap-entity.ts";
import { type SmtpSink, sinkMailVars, startSmtpSink } from "./smtp-sink.ts";
import { type SyntheticTree, startSyntheticTree } from "./synthetic-tree-server.ts";

/** The owner contact the demo host's security.txt names. */
export const DEMO_CONTACT = "security@helpline.example.test";
/** A day of recordings in the demo tree: the page to visit with the extension. */
export const DEMO_DAY = "/medicall/2013/04/09/";

export interface StackOptions {
  /** The Worker's port (the extension's default API is 127.0.0.1:8787). */
  port: number;
  /** Local D1 and queue state (`npm start`: `.wrangler/state`). */
  persistTo: string;
  /** Serve the demo exposed host (default true). */
  demoHost?: boolean;
  /** Build the extension (default true). */
  extension?: boolean;
  /** Seed the demo CERT team and operator accounts (default true). */
  accounts?: boolean;
  /** More Worker vars, over the stack's own. */
  vars?: Record<string, string>;
  /** Names the Worker reaches at a local `host:port` (before the stand-in Internet's rules). */
  resolve?: Record<string, string>;
  /** Progress lines and the Worker's log. */
  log?: (line: string) => void;
  /** Stops the start between steps (Ctrl-C while starting): what was started is stopped. */
  signal?: AbortSignal;
}

export interface Stack {
  api: string;
  dashboard: string;
  worker: DevWorker;
  demo: (SyntheticTree & { listing: string; securityTxt: string }) | null;
  fakeInternet: FakeInternet;
  sink: SmtpSink;
  /** The page that shows what was sent. */
  mailPage: string;
  accounts: DemoAccount[];
  extension: { chrome: string; firefox: string } | null;
  cron: CronTicker;
  stop(): Promise<void>;
}

const within = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => undefined), new Promise<void>((r) => setTimeout(r, ms).unref())]);

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await within(s(), 10_000);
  };
  const step = () => opts.signal?.throwIfAborted();
  try {
    mkdirSync(opts.persistTo, { recursive: true });
    log("Starting the demo host, the stand-in Internet and the mail sink…");
    const demoTree =
      opts.demoHost === false
        ? null
        : await startSyntheticTree({
            controls: true,
            securityTxt: `Contact: mailto:${DEMO_CONTACT}\nExpires: 2099-12-31T23:00:00.000Z\nPreferred-Languages: en, sv\n`,
          });
    if (demoTree) stops.push(demoTree.stop);
    const fakeInternet = await startFakeInternet();
    stops.push(fakeInternet.stop);
    const sink = await startSmtpSink();
    stops.push(sink.stop);
    // A named host of the stand-in Internet: a Swedish network with a hoster's abuse desk.
    await fetch(`${fakeInternet.url}/__world`, {
      method: "POST",
      body: JSON.stringify({
        dns: { "helpline.example.test": { A: ["192.0.2.10"] } },
        rdapNetworks: {
          "192.0.2.0/24": {
            objectClassName: "ip network",
            startAddress: "192.0.2.0",
            endAddress: "192.0.2.255",
            country: "SE",
            entities: [rdapEntity(["abuse"], "abuse@hoster.example.test")],
          },
        },
      }),
    });

    step();
    log("Applying the D1 migrations and seeding the demo accounts…");
    applyMigrations(opts.persistTo);
    const accounts = opts.accounts === false ? [] : seedDemoAccounts(opts.persistTo);

    step();
    const api = `http://127.0.0.1:${opts.port}`;
    let extension: Stack["extension"] = null;
    if (opts.extension !== false) {
      log("Building the extension for this Worker…");
      extension = { chrome: buildLocalExtension(api, "chrome"), firefox: buildLocalExtension(api, "firefox") };
    }

    step();
    log("Starting the Worker (wrangler dev, local D1 and queues)…");
    const worker = await startDevWorker({
      port: opts.port,
      persistTo: opts.persistTo,
      migrated: true,
      log: (line) => log(`[wrangler] ${line}`),
      vars: {
        PUBLIC_BASE_URL: api,
        ...sinkMailVars(sink),
        // Discovery's registries and resolver are the local stand-in; nothing leaves this machine.
        RDAP_BOOTSTRAP_URL: `https://${BOOTSTRAP_HOST}/rdap/`,
        DOH_URL: `https://${DOH_HOST}/dns-query`,
        HOST_RESOLVER_RULES: [
          ...Object.entries(opts.resolve ?? {}).map(([name, at]) => `MAP ${name} ${at}`),
          `MAP *.example.test 127.0.0.1:${fakeInternet.port}`,
          `MAP example.test 127.0.0.1:${fakeInternet.port}`,
        ].join(", "),
        ...opts.vars,
      },
    });
    stops.push(async () => {
      worker.stop();
      await within(worker.exited, 8_000);
      // Whatever of the group is left (workerd, esbuild) does not outlive the stack.
      killGroup(worker.pid, "SIGKILL");
    });
    step();
    const cron = startCronTicker(worker.url, log);
    stops.push(async () => cron.stop());
    await cron.tickAll();
    step();

    return {
      api,
      dashboard: `${api}/cert`,
      worker,
      demo: demoTree
        ? {
            ...demoTree,
            listing: `${demoTree.origin}${DEMO_DAY}`,
            securityTxt: `${demoTree.origin}/.well-known/security.txt`,
          }
        : null,
      fakeInternet,
      sink,
      mailPage: `${sink.httpUrl}/`,
      accounts,
      extension,
      cron,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
