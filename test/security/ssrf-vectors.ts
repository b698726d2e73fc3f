// The SSRF vectors: every spelling of a private or reserved target that a hostile report, a
// hostile listing or a hostile name could use. One table for every place that fetches (intake,
// the crawler, contact discovery, the extension's probe and re-fetch); each test runs all of it.
//
// How a vector reaches a place:
// - `direct`: the URL itself is the target.
// - `redirect`: a public-looking page (`r<index>.ssrf.test`, served by a real local server that
//   development's HOST_RESOLVER_RULES reaches) answers 302 to `target`.
// - `dns`: a name that is no address; the stand-in DNS-over-HTTPS answers it with `dns` (a name
//   it does not know does not resolve).

export type SsrfCategory =
  | "decimal"
  | "octal"
  | "hex"
  | "short-form"
  | "ipv4-mapped-ipv6"
  | "unspecified"
  | "cloud-metadata"
  | "unique-local"
  | "loopback-v6"
  | "private-range"
  | "trailing-dot"
  | "idn"
  | "userinfo"
  | "redirect"
  | "dns-answer";

export interface SsrfVector {
  label: string;
  category: SsrfCategory;
  kind: "direct" | "redirect" | "dns";
  /** The private target: the URL itself (direct, dns) or where the redirect points (redirect). */
  target: string;
  /** dns: the answers of the stand-in resolver for the target's name. */
  dns?: { A?: string[]; AAAA?: string[] };
}

/** The zone of the names whose answers are private: no HOST_RESOLVER_RULE matches it. */
export const DNS_ZONE = "ssrf-dns.example";
/** The zone of the redirecting pages: HOST_RESOLVER_RULES maps it to the redirecting server. */
export const REDIRECT_ZONE = "ssrf.test";

const direct = (category: SsrfCategory, label: string, target: string): SsrfVector => ({
  label,
  category,
  kind: "direct",
  target,
});
const redirect = (label: string, target: string): SsrfVector => ({
  label,
  category: "redirect",
  kind: "redirect",
  target,
});
const dns = (
  category: SsrfCategory,
  label: string,
  name: string,
  answers: { A?: string[]; AAAA?: string[] } | null,
): SsrfVector => ({
  label,
  category,
  kind: "dns",
  target: `http://${name}/`,
  ...(answers && { dns: answers }),
});

export const SSRF_VECTORS: readonly SsrfVector[] = [
  direct("decimal", "127.0.0.1 as one decimal number", "http://2130706433/"),
  direct("decimal", "10.0.0.1 as one decimal number", "http://167772161/"),
  direct("decimal", "192.168.1.1 as one decimal number", "http://3232235777/"),
  direct("decimal", "169.254.169.254 as one decimal number", "http://2852039166/latest/meta-data/"),
  direct("decimal", "0.0.0.0 as the number 0", "http://0/"),
  direct("octal", "127.0.0.1 in octal", "http://0177.0.0.1/"),
  direct("octal", "127.0.0.1 in zero-padded octal", "http://0177.0000.0000.0001/"),
  direct("octal", "127.0.0.1 as one octal number", "http://017700000001/"),
  direct("octal", "169.254.169.254 in octal", "http://0251.0376.0251.0376/"),
  direct("octal", "10.0.0.1 in octal", "http://012.0.0.1/"),
  direct("hex", "127.0.0.1 with a hex first part", "http://0x7f.0.0.1/"),
  direct("hex", "127.0.0.1 as one hex number", "http://0x7f000001/"),
  direct("hex", "169.254.169.254 as one hex number", "http://0xa9fea9fe/"),
  direct("hex", "192.168.1.1 in dotted hex", "http://0xc0.0xa8.0x01.0x01/"),
  direct("hex", "10.0.0.1 in upper-case dotted hex", "http://0X0A.0X00.0X00.0X01/"),
  direct("short-form", "127.0.0.1 as 127.1", "http://127.1/"),
  direct("short-form", "127.0.0.1 as 127.0.1", "http://127.0.1/"),
  direct("short-form", "10.0.0.1 as 10.1", "http://10.1/"),
  direct("short-form", "192.168.1.1 as 192.168.257", "http://192.168.257/"),
  direct("short-form", "169.254.169.254 as 169.254.43518", "http://169.254.43518/"),
  direct("short-form", "127.0.0.1 as hex 0x7f.1", "http://0x7f.1/"),
  direct("ipv4-mapped-ipv6", "::ffff:127.0.0.1", "http://[::ffff:127.0.0.1]/"),
  direct("ipv4-mapped-ipv6", "::ffff:7f00:1 (127.0.0.1 in hex groups)", "http://[::ffff:7f00:1]/"),
  direct("ipv4-mapped-ipv6", "::ffff:169.254.169.254", "http://[::ffff:169.254.169.254]/"),
  direct("ipv4-mapped-ipv6", "::ffff:10.0.0.1 written in full", "http://[0:0:0:0:0:ffff:a00:1]/"),
  direct("ipv4-mapped-ipv6", "IPv4-compatible ::127.0.0.1", "http://[::127.0.0.1]/"),
  direct("ipv4-mapped-ipv6", "NAT64 64:ff9b::169.254.169.254", "http://[64:ff9b::a9fe:a9fe]/"),
  direct("ipv4-mapped-ipv6", "6to4 2002:7f00:1:: (127.0.0.1)", "http://[2002:7f00:1::]/"),
  direct("unspecified", "0.0.0.0", "http://0.0.0.0/"),
  direct("unspecified", "0.0.0.0 on the Worker's dev port", "http://0.0.0.0:8787/"),
  direct("unspecified", "IPv6 unspecified ::", "http://[::]/"),
  direct("cloud-metadata", "169.254.169.254 (AWS, Azure, OpenStack)", "http://169.254.169.254/latest/meta-data/"),
  direct("cloud-metadata", "169.254.169.254 (GCP path)", "http://169.254.169.254/computeMetadata/v1/"),
  direct("cloud-metadata", "169.254.170.2 (ECS task credentials)", "http://169.254.170.2/v2/credentials"),
  direct("cloud-metadata", "fd00:ec2::254 (AWS IMDS over IPv6)", "http://[fd00:ec2::254]/latest/meta-data/"),
  direct("cloud-metadata", "100.100.100.200 (Alibaba metadata, shared address space)", "http://100.100.100.200/"),
  direct("unique-local", "fc00::1", "http://[fc00::1]/"),
  direct("unique-local", "fd12:3456:789a::1", "http://[fd12:3456:789a::1]/"),
  direct("unique-local", "the last address of fc00::/7", "http://[fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]/"),
  direct("unique-local", "FC00:0:0:0:0:0:0:1 in capitals, written in full", "http://[FC00:0:0:0:0:0:0:1]/"),
  direct("loopback-v6", "::1", "http://[::1]/"),
  direct("loopback-v6", "::1 written in full", "http://[0:0:0:0:0:0:0:1]/"),
  direct("loopback-v6", "::1 with a port", "http://[::1]:8787/"),
  direct("loopback-v6", "::1 with leading zeros", "http://[0000::0001]/"),
  direct("private-range", "127.0.0.1", "http://127.0.0.1/"),
  direct("private-range", "10.0.0.1 on port 8080", "http://10.0.0.1:8080/"),
  direct("private-range", "172.16.0.1", "http://172.16.0.1/"),
  direct("private-range", "192.168.0.1", "http://192.168.0.1/"),
  direct("private-range", "100.64.0.1 (carrier-grade NAT)", "http://100.64.0.1/"),
  direct("private-range", "fe80::1 (link-local)", "http://[fe80::1]/"),
  direct("private-range", "192.0.2.10 (documentation, not routable)", "http://192.0.2.10/"),
  direct("private-range", "localhost", "http://localhost/"),
  direct("private-range", "a .local name", "http://nas.local/"),
  direct("private-range", "a single-label name", "http://intranet/"),
  direct("trailing-dot", "127.0.0.1.", "http://127.0.0.1./"),
  direct("trailing-dot", "localhost.", "http://localhost./"),
  direct("trailing-dot", "169.254.169.254.", "http://169.254.169.254./"),
  direct("trailing-dot", "0x7f.1.", "http://0x7f.1./"),
  direct("trailing-dot", "nas.local.", "http://nas.local./"),
  direct("idn", "fullwidth digits １２７.０.０.１", "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/"),
  direct("idn", "ideographic full stops 127。0。0。1", "http://127\u30020\u30020\u30021/"),
  direct(
    "idn",
    "enclosed digits ①⑥⑨.②⑤④.①⑥⑨.②⑤④",
    "http://\u2460\u2465\u2468.\u2461\u2464\u2463.\u2460\u2465\u2468.\u2461\u2464\u2463/",
  ),
  direct(
    "idn",
    "fullwidth letters ｌｏｃａｌｈｏｓｔ",
    "http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/",
  ),
  direct("idn", "percent-encoded host %31%32%37.0.0.1", "http://%31%32%37.0.0.1/"),
  direct("idn", "soft hyphen inside 1\u00ad27.0.0.1", "http://1\u00ad27.0.0.1/"),
  direct("userinfo", "a public name as user name before 127.0.0.1", "http://files.example.com@127.0.0.1/"),
  direct(
    "userinfo",
    "a public name and port as user:password before 10.0.0.1",
    "http://files.example.com:80@10.0.0.1/",
  ),
  direct("userinfo", "user:password before 169.254.169.254", "http://user:pass@169.254.169.254/"),
  direct("userinfo", "empty userinfo before 127.0.0.1", "http://@127.0.0.1/"),
  direct("userinfo", "empty user:password before 10.0.0.1", "http://:@10.0.0.1/"),
  direct("userinfo", "a public name as user name before [::1]", "http://files.example.com@[::1]/"),
  redirect("redirect to 127.0.0.1", "http://127.0.0.1/"),
  redirect("redirect to 169.254.169.254", "http://169.254.169.254/latest/meta-data/"),
  redirect("redirect to 10.0.0.1 on https", "https://10.0.0.1/"),
  redirect("redirect to [::1]", "http://[::1]/"),
  redirect("redirect to [::ffff:127.0.0.1]", "http://[::ffff:127.0.0.1]/"),
  redirect("redirect to 0x7f.1", "http://0x7f.1/"),
  redirect("redirect to 2130706433", "http://2130706433/"),
  redirect("redirect to localhost", "http://localhost:8787/"),
  redirect("redirect to [fd00::1]", "http://[fd00::1]/"),
  redirect("redirect to 192.168.1.1", "http://192.168.1.1/admin/"),
  redirect("redirect to a name whose answer is 10.0.0.9", `http://redirected.${DNS_ZONE}/`),
  redirect("redirect to a name that does not resolve", `http://nowhere.${DNS_ZONE}/`),
  redirect("redirect to file:", "file:///etc/passwd"),
  redirect("redirect to gopher: on 127.0.0.1", "gopher://127.0.0.1:6379/_INFO"),
  redirect("redirect with userinfo to 127.0.0.1", "http://files.example.com@127.0.0.1/"),
  redirect("redirect to a redirect to 127.0.0.1", `http://r0.${REDIRECT_ZONE}/`),
  dns("dns-answer", "answer 10.0.0.1", `a10.${DNS_ZONE}`, { A: ["10.0.0.1"] }),
  dns("dns-answer", "answer 127.0.0.1", `a127.${DNS_ZONE}`, { A: ["127.0.0.1"] }),
  dns("dns-answer", "answer 169.254.169.254", `metadata.${DNS_ZONE}`, { A: ["169.254.169.254"] }),
  dns("dns-answer", "answer 192.168.1.1", `a192.${DNS_ZONE}`, { A: ["192.168.1.1"] }),
  dns("dns-answer", "answer 172.16.5.4", `a172.${DNS_ZONE}`, { A: ["172.16.5.4"] }),
  dns("dns-answer", "answer 0.0.0.0", `zero.${DNS_ZONE}`, { A: ["0.0.0.0"] }),
  dns("dns-answer", "answer 100.64.0.1 (carrier-grade NAT)", `cgnat.${DNS_ZONE}`, { A: ["100.64.0.1"] }),
  dns("dns-answer", "answer 192.0.2.10 (documentation, not routable)", `doc.${DNS_ZONE}`, { A: ["192.0.2.10"] }),
  dns("dns-answer", "AAAA fc00::1", `ula.${DNS_ZONE}`, { AAAA: ["fc00::1"] }),
  dns("dns-answer", "AAAA ::1", `lo6.${DNS_ZONE}`, { AAAA: ["::1"] }),
  dns("dns-answer", "AAAA ::ffff:127.0.0.1", `mapped.${DNS_ZONE}`, { AAAA: ["::ffff:127.0.0.1"] }),
  dns("dns-answer", "AAAA fe80::1 (link-local)", `ll6.${DNS_ZONE}`, { AAAA: ["fe80::1"] }),
  dns("dns-answer", "a public A and a private A", `mixed.${DNS_ZONE}`, { A: ["1.1.1.1", "10.0.0.1"] }),
  dns("dns-answer", "a public A and a loopback AAAA", `mixed6.${DNS_ZONE}`, { A: ["1.1.1.1"], AAAA: ["::1"] }),
  dns("dns-answer", "an answer that is no address", `garbage.${DNS_ZONE}`, { A: ["not-an-address"] }),
  dns("dns-answer", "a name that does not resolve (fail closed)", `nxdomain.${DNS_ZONE}`, null),
  dns("dns-answer", "a name with no address at all (fail closed)", `empty.${DNS_ZONE}`, { A: [] }),
  dns("trailing-dot", "a private answer, asked with a trailing dot", `dot.${DNS_ZONE}.`, { A: ["10.0.0.1"] }),
  dns("trailing-dot", "a private answer, asked in capitals", `CAPS.${DNS_ZONE.toUpperCase()}`, { A: ["127.0.0.1"] }),
  dns("idn", "an IDN name whose answer is private", `bücher.${DNS_ZONE}`, { A: ["10.0.0.2"] }),
];

/** The name of the redirecting page for vector `index`. */
export function redirectHost(index: number): string {
  return `r${index}.${REDIRECT_ZONE}`;
}

/** The first URL a place is given for a vector: the target, or the page that redirects to it. */
export function entryUrl(v: SsrfVector): string {
  return v.kind === "redirect" ? `http://${redirectHost(SSRF_VECTORS.indexOf(v))}/` : v.target;
}

/** The stand-in resolver's answers for every name of the table (names are asked lower case, without the dot). */
export function dnsWorld(): Record<string, { A?: string[]; AAAA?: string[] }> {
  const out: Record<string, { A?: string[]; AAAA?: string[] }> = {
    [`redirected.${DNS_ZONE}`]: { A: ["10.0.0.9"] },
  };
  for (const v of SSRF_VECTORS) {
    if (v.kind !== "dns" || !v.dns) continue;
    out[new URL(v.target).hostname.replace(/\.$/, "")] = v.dns;
  }
  return out;
}

/** The categories the issue names; every one has vectors in the table. */
export const CATEGORIES: readonly SsrfCategory[] = [
  "decimal",
  "octal",
  "hex",
  "short-form",
  "ipv4-mapped-ipv6",
  "unspecified",
  "cloud-metadata",
  "unique-local",
  "loopback-v6",
  "trailing-dot",
  "idn",
  "userinfo",
  "redirect",
  "dns-answer",
];
