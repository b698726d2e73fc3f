// The load's exposed hosts: one real nginx serving a small helpline-like tree, reached under
// many names (`site-NN.load.example.test`) through the Worker's HOST_RESOLVER_RULES. Each name
// answers its own security.txt, whose contact is `security@<name>`: nginx builds it from the
// `x-original-host` header the resolving fetch carries, so every case has an owner of its own
// and its notices can be counted at the SMTP sink.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { World } from "../../../cli/local/fake-internet.ts";
import { type HelplineTree, makeHelplineTree } from "../../support/helpline-tree.ts";
import { type RunningServer, startNginx } from "../../support/real-servers.ts";

export const SITES_DOMAIN = "load.example.test";

export interface Site {
  name: string;
  /** The day folder of recordings, the page every report of this site names. */
  listing: string;
  /** The owner contact its security.txt names. */
  contact: string;
}

export interface LoadSites {
  sites: Site[];
  tree: HelplineTree;
  nginx: RunningServer;
  /** For startStack's `resolve`: every site name to nginx. */
  resolve: Record<string, string>;
  /** For the stand-in Internet: each name's address (TEST-NET-3), so discovery can resolve it. */
  world: World;
  stop(): Promise<void>;
}

const pad = (n: number) => String(n).padStart(3, "0");

// Inside nginx's server block: the name asked for, without its port, and a security.txt for it.
const SECURITY_TXT = String.raw`
    set $site "unknown.invalid";
    if ($http_x_original_host ~* "^([a-z0-9.-]+?)(:[0-9]+)?$") { set $site $1; }
    location = /.well-known/security.txt {
      default_type text/plain;
      return 200 "Contact: mailto:security@$site\nExpires: 2099-01-01T00:00:00.000Z\nPreferred-Languages: en\n";
    }
`;

export async function startSites(count: number): Promise<LoadSites> {
  if (count < 1 || count > 250) throw new Error("between 1 and 250 sites (one TEST-NET-3 address each)");
  const root = mkdtempSync(join(tmpdir(), "indexwatch-load-www-"));
  try {
    const tree = makeHelplineTree(root, { days: 2, callsPerDay: 8 });
    const nginx = await startNginx(root, { serverConfig: SECURITY_TXT });
    const sites: Site[] = [];
    const dns: NonNullable<World["dns"]> = {};
    for (let i = 1; i <= count; i++) {
      const name = `site-${pad(i)}.${SITES_DOMAIN}`;
      sites.push({ name, listing: `http://${name}${tree.dayPath}`, contact: `security@${name}` });
      dns[name] = { A: [`203.0.113.${i}`] };
    }
    return {
      sites,
      tree,
      nginx,
      resolve: { [`*.${SITES_DOMAIN}`]: `127.0.0.1:${nginx.port}` },
      world: { dns },
      stop: async () => {
        await nginx.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
