// The fake Internet the disclosure tests share: two networks with abuse desks (SE and DE), one
// without a country, a registry for example.se, and name → address answers.
import { rdapEntity } from "../../cli/local/rdap-entity.ts";
import { world } from "./disclose-helpers.ts";

export const SE_NET = "192.0.2.0/24";
export const DE_NET = "198.51.100.0/24";
export const NOWHERE_NET = "203.0.113.0/24";

let ready: Promise<void> | null = null;

export function sharedWorld(): Promise<void> {
  ready ??= world({
    rdapNetworks: {
      [SE_NET]: {
        objectClassName: "ip network",
        startAddress: "192.0.2.0",
        endAddress: "192.0.2.255",
        country: "SE",
        entities: [
          rdapEntity(["registrant"], "noc@hoster-se.example.test", [
            rdapEntity(["abuse"], "abuse@hoster-se.example.test"),
          ]),
        ],
      },
      [DE_NET]: {
        objectClassName: "ip network",
        startAddress: "198.51.100.0",
        endAddress: "198.51.100.255",
        country: "DE",
        entities: [rdapEntity(["abuse"], "abuse@hoster-de.example.test")],
      },
      [NOWHERE_NET]: {
        objectClassName: "ip network",
        startAddress: "203.0.113.0",
        endAddress: "203.0.113.255",
        entities: [rdapEntity(["abuse"], "abuse@hoster-x.example.test")],
      },
    },
    rdapDomains: {
      "example.se": {
        objectClassName: "domain",
        ldhName: "example.se",
        entities: [
          rdapEntity(["registrar"], "info@registrar.example.test", [
            rdapEntity(["abuse"], "abuse@registrar.example.test"),
          ]),
        ],
      },
    },
  });
  return ready;
}
