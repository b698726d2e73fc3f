// SSRF in contact discovery: for every vector of the table, the whole discovery of a case on it
// (security.txt of the host and of its registrable domain, RDAP for the domain and the network,
// DNS-over-HTTPS), and discovery whose security.txt and RDAP bootstrap lie on a page that
// redirects to the vector. None may be fetched: the recording fetch and the trap count zero.
import { describe, expect, it } from "vitest";
import { discoverContacts } from "../../../worker/src/disclose/discover/discover.ts";
import { discoveryGet } from "../../../worker/src/disclose/net.ts";
import { figure } from "../figure.ts";
import { DNS_ZONE, entryUrl, redirectHost, SSRF_VECTORS } from "../ssrf-vectors.ts";
import { CONTROL_LABEL, ssrfEnv, trapForFile } from "./ssrf-support.ts";

const PART = "ssrf";
const NOW = Date.UTC(2026, 10, 29);
const file = trapForFile();

describe("discovery fetches no vector", () => {
  it("security.txt, RDAP and DoH for every vector host, and through pages that redirect to each", async () => {
    let refused = 0;
    for (const [i, v] of SSRF_VECTORS.entries()) {
      // The vector's own host, as a case's listing root.
      const direct = ssrfEnv();
      const get = discoveryGet(direct);
      if (v.kind !== "redirect") {
        expect(await get(new URL("/.well-known/security.txt", v.target).href), v.label).toBeNull();
        await discoverContacts(direct, v.target, NOW, get);
      }
      // A page that redirects to the vector: its security.txt and an RDAP bootstrap on it.
      const via = ssrfEnv({ RDAP_BOOTSTRAP_URL: `https://${redirectHost(i)}/rdap/` });
      const viaGet = discoveryGet(via);
      expect(await viaGet(`https://${redirectHost(i)}/.well-known/security.txt`), v.label).toBeNull();
      await discoverContacts(via, entryUrl(v), NOW, viaGet);
      refused++;
    }
    expect(file.trap.escaped).toEqual([]);
    expect((await file.trap.serverCount()) - file.before).toBe(0);
    figure(PART, "discovery: vectors tried (own host, and behind a redirect)", SSRF_VECTORS.length);
    figure(PART, "discovery: vectors refused", refused);
    figure(PART, "discovery: requests that reached the trap", file.trap.escaped.length);
  });

  it("lets a name with only public answers through, and the recording fetch sees it (the control)", async () => {
    const get = discoveryGet(ssrfEnv());
    const name = `${CONTROL_LABEL}.${DNS_ZONE}`;
    const res = await get(`https://${name}/.well-known/security.txt`);
    expect(res?.status).toBe(200);
    expect(file.trap.escaped).toEqual([`https://${name}/.well-known/security.txt`]);
    file.trap.escaped.length = 0;
  });
});
