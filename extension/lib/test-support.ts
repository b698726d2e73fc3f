// Builders shared by the extension's unit tests (no real host names).
import { helplineEntries, nginxPage } from "../../test/support/listing-pages.ts";
import { detectFinding, type Finding } from "./finding.ts";

export const LISTING_URL = "http://files.example.com/medicall/2013/04/09/";
export const NOW = "2026-11-25T11:47:12.000Z";

/** The nginx page of `n` call recordings at `url`. */
export function listingHtml(n = 12, url = LISTING_URL): string {
  return nginxPage(new URL(url).pathname, helplineEntries(n));
}

/** The finding the detector script returns for that page. */
export function listingFinding(n = 12, url = LISTING_URL): Finding {
  const finding = detectFinding(listingHtml(n, url), { url, contentType: "text/html" }, NOW, "page");
  if (!finding) throw new Error("test listing not detected");
  return finding;
}

/** A software mirror: a listing, but `info`, never reported. */
export function mirrorFinding(url = "http://mirror.example.com/debian/pool/"): Finding {
  const html = `<html><head><title>Index of /debian/pool/</title></head><body><h1>Index of /debian/pool/</h1><hr><pre><a href="../">../</a>
<a href="linux-image-6.1.0-13-amd64_6.1.55-1_amd64.deb">linux-image-6.1.0-13-amd64_6.1.55-1_amd64.deb</a>             01-Oct-2023 12:00     68157440
<a href="bash_5.2.15-2+b2_amd64.deb">bash_5.2.15-2+b2_amd64.deb</a>                                  01-Oct-2023 12:00      1489100
<a href="SHA256SUMS">SHA256SUMS</a>                                                  01-Oct-2023 12:00         1024
</pre><hr></body></html>`;
  const finding = detectFinding(html, { url, contentType: "text/html" }, NOW, "page");
  if (!finding) throw new Error("mirror listing not detected");
  return finding;
}

/** A fetch that answers from a table of URL → response, and records what was asked. */
export function tableFetch(table: Record<string, () => Response>) {
  const asked: Array<{ url: string; init: RequestInit }> = [];
  const fetcher = async (url: string, init: RequestInit): Promise<Response> => {
    asked.push({ url, init });
    const make = table[url];
    if (!make) throw new TypeError(`fetch failed: ${url}`);
    const res = make();
    Object.defineProperty(res, "url", { value: url });
    return res;
  };
  return { fetcher, asked };
}

export function htmlResponse(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}
