/**
 * The one spelling of a listing URL that cases are keyed on: host lower-cased (and IDN in
 * punycode), default port dropped, dot segments resolved, a trailing dot on the host removed;
 * no userinfo, query or fragment. The scheme is kept: the 1177 server answered plain HTTP on
 * port 443, and `http://host:443/` is not `https://host/`.
 * @example normaliseListingUrl(new URL("HTTP://Files.Example.COM:80/a/./b/../c/?x#y")) // "http://files.example.com/a/c/"
 */
export function normaliseListingUrl(url: URL): string {
  const host = url.hostname.endsWith(".") ? url.hostname.slice(0, -1) : url.hostname;
  const port = url.port === "" ? "" : `:${url.port}`;
  return `${url.protocol}//${host}${port}${url.pathname}`;
}

/**
 * The folders of a listing URL from the root down (`/a/b/` → `/`, `/a/`, `/a/b/`), each as a
 * normalised URL: a report of a folder inside an open case joins the case of its nearest
 * reported ancestor.
 * @example folderChain("http://example.com/a/b/") // ["http://example.com/", "http://example.com/a/", "http://example.com/a/b/"]
 */
export function folderChain(normalised: string): string[] {
  const u = new URL(normalised);
  const origin = `${u.protocol}//${u.host}`;
  const parts = u.pathname.split("/").slice(1, -1);
  const out = [`${origin}/`];
  let path = "/";
  for (const p of parts) {
    path += `${p}/`;
    out.push(`${origin}${path}`);
  }
  return out;
}
