// How to turn directory listings off, per server: the exact setting, in each notice language.
// Chosen from the Server header the verifier saw and the listing format it detected.

import type { NoticeLanguage } from "./language.ts";

export interface ListingOff {
  id: string;
  server: string;
  /** The setting itself, quoted verbatim in the notice. */
  setting: string;
  how: Record<NoticeLanguage, string>;
}

const FIXES: readonly ListingOff[] = [
  {
    id: "apache",
    server: "Apache httpd",
    setting: "Options -Indexes",
    how: {
      en: "In the <Directory> block (or .htaccess) that serves this folder, set `Options -Indexes`, then reload Apache (`apachectl graceful`).",
      sv: "I det <Directory>-block (eller den .htaccess) som betjänar mappen, sätt `Options -Indexes` och ladda sedan om Apache (`apachectl graceful`).",
    },
  },
  {
    id: "nginx",
    server: "nginx",
    setting: "autoindex off;",
    how: {
      en: "In the server or location block that serves this folder, set `autoindex off;` (or remove `autoindex on;`), then reload nginx (`nginx -s reload`).",
      sv: "I det server- eller location-block som betjänar mappen, sätt `autoindex off;` (eller ta bort `autoindex on;`) och ladda sedan om nginx (`nginx -s reload`).",
    },
  },
  {
    id: "iis",
    server: "Microsoft IIS",
    setting: '<directoryBrowse enabled="false" />',
    how: {
      en: 'In web.config under <system.webServer>, set `<directoryBrowse enabled="false" />` (IIS Manager: Directory Browsing → Disable).',
      sv: 'I web.config under <system.webServer>, sätt `<directoryBrowse enabled="false" />` (IIS-hanteraren: Katalogbläddring → Inaktivera).',
    },
  },
  {
    id: "lighttpd",
    server: "lighttpd",
    setting: 'dir-listing.activate = "disable"',
    how: {
      en: 'In lighttpd.conf, set `dir-listing.activate = "disable"` (or `server.dir-listing = "disable"` on old versions), then restart lighttpd.',
      sv: 'I lighttpd.conf, sätt `dir-listing.activate = "disable"` (eller `server.dir-listing = "disable"` i äldre versioner) och starta sedan om lighttpd.',
    },
  },
  {
    id: "litespeed",
    server: "LiteSpeed",
    setting: "Options -Indexes",
    how: {
      en: "LiteSpeed honours Apache's `Options -Indexes` in .htaccess; or turn off Auto Index in the virtual host's context settings.",
      sv: "LiteSpeed följer Apaches `Options -Indexes` i .htaccess; eller stäng av Auto Index i den virtuella värdens kontextinställningar.",
    },
  },
  {
    id: "caddy",
    server: "Caddy",
    setting: "file_server (without browse)",
    how: {
      en: "In the Caddyfile, remove `browse` from the `file_server` directive, then reload Caddy (`caddy reload`).",
      sv: "I Caddyfile, ta bort `browse` från direktivet `file_server` och ladda sedan om Caddy (`caddy reload`).",
    },
  },
  {
    id: "tomcat",
    server: "Apache Tomcat",
    setting: "listings = false",
    how: {
      en: "In conf/web.xml, set the DefaultServlet's init-param `listings` to `false`, then restart Tomcat.",
      sv: "I conf/web.xml, sätt DefaultServlets init-param `listings` till `false` och starta sedan om Tomcat.",
    },
  },
  {
    id: "jetty",
    server: "Eclipse Jetty",
    setting: "dirAllowed = false",
    how: {
      en: "Set the DefaultServlet init-param `dirAllowed` to `false` (webdefault.xml or the context's web.xml), then restart Jetty.",
      sv: "Sätt DefaultServlets init-param `dirAllowed` till `false` (webdefault.xml eller kontextens web.xml) och starta sedan om Jetty.",
    },
  },
  {
    id: "s3",
    server: "Amazon S3 (or an S3-compatible store)",
    setting: "S3 Block Public Access",
    how: {
      en: "Turn on S3 Block Public Access for the bucket (and the account), and remove any bucket policy or ACL that grants `s3:ListBucket` to everyone.",
      sv: "Slå på S3 Block Public Access för bucketen (och kontot), och ta bort varje bucket-policy eller ACL som ger alla `s3:ListBucket`.",
    },
  },
  {
    id: "azure-blob",
    server: "Azure Blob Storage",
    setting: "public access level: Private",
    how: {
      en: "Set the container's public access level to Private (no anonymous access), or disallow anonymous blob access on the storage account.",
      sv: "Sätt containerns offentliga åtkomstnivå till Privat (ingen anonym åtkomst), eller förbjud anonym blobåtkomst på lagringskontot.",
    },
  },
  {
    id: "python-http",
    server: "Python http.server",
    setting: "(stop the server)",
    how: {
      en: "`python -m http.server` always lists folders: stop it and serve the files, if at all, with a server whose listings are off.",
      sv: "`python -m http.server` listar alltid mappar: stoppa den och servera filerna, om alls, med en server där listningar är avstängda.",
    },
  },
];

const GENERIC: ListingOff = {
  id: "generic",
  server: "your web server",
  setting: "directory listing / autoindex: off",
  how: {
    en: "Turn off directory listing (often called autoindex or directory browsing) for this folder in your web server's configuration, or move the files out of the web root.",
    sv: "Stäng av kataloglistning (ofta kallad autoindex eller katalogbläddring) för mappen i webbserverns konfiguration, eller flytta filerna utanför webbroten.",
  },
};

/** Server header patterns, tried in order (Tomcat and Jetty before the plain Apache match). */
const BY_HEADER: readonly [RegExp, string][] = [
  [/tomcat|coyote/i, "tomcat"],
  [/jetty/i, "jetty"],
  [/litespeed/i, "litespeed"],
  [/^apache|\bapache\//i, "apache"],
  [/nginx|openresty/i, "nginx"],
  [/microsoft-iis/i, "iis"],
  [/lighttpd/i, "lighttpd"],
  [/caddy/i, "caddy"],
  [/amazons3/i, "s3"],
  [/windows-azure-blob/i, "azure-blob"],
  [/simplehttp/i, "python-http"],
];

/** Listing formats (shared/listing FORMAT_IDS) that name their server. */
const BY_FORMAT: Record<string, string> = {
  "apache-htmltable": "apache",
  "apache-pre": "apache",
  "apache-list": "apache",
  nginx: "nginx",
  "nginx-json": "nginx",
  "nginx-xml": "nginx",
  "nginx-fancyindex": "nginx",
  iis: "iis",
  lighttpd: "lighttpd",
  litespeed: "litespeed",
  caddy: "caddy",
  "caddy-json": "caddy",
  tomcat: "tomcat",
  jetty: "jetty",
  s3: "s3",
  "azure-blob": "azure-blob",
  "python-http": "python-http",
};

/**
 * The fix for the server that served a listing: by its Server header, else by the listing
 * format, else a generic instruction.
 * @example listingOff("nginx/1.22.1", null).setting // "autoindex off;"
 */
export function listingOff(serverHeader: string | null | undefined, format: string | null | undefined): ListingOff {
  const header = serverHeader ?? "";
  for (const [re, id] of BY_HEADER) if (re.test(header)) return FIXES.find((f) => f.id === id) ?? GENERIC;
  const byFormat = format ? BY_FORMAT[format] : undefined;
  return (byFormat && FIXES.find((f) => f.id === byFormat)) || GENERIC;
}

export const LISTING_OFF_IDS = FIXES.map((f) => f.id);
