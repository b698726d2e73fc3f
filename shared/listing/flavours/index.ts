import { apacheHtmltable } from "./apache-htmltable.ts";
import { apacheList } from "./apache-list.ts";
import { apachePre } from "./apache-pre.ts";
import { azureBlob } from "./azure-blob.ts";
import { caddy } from "./caddy.ts";
import { caddyJson } from "./caddy-json.ts";
import { directoryLister } from "./directory-lister.ts";
import { dosList } from "./dos-list.ts";
import type { Flavour } from "./flavour.ts";
import { ftpList } from "./ftp-list.ts";
import { generic } from "./generic.ts";
import { goFileserver } from "./go-fileserver.ts";
import { h5ai } from "./h5ai.ts";
import { httpServer } from "./http-server.ts";
import { iis } from "./iis.ts";
import { jetty } from "./jetty.ts";
import { lighttpd } from "./lighttpd.ts";
import { litespeed } from "./litespeed.ts";
import { miniHttpd } from "./mini-httpd.ts";
import { nginx } from "./nginx.ts";
import { nginxFancyindex } from "./nginx-fancyindex.ts";
import { nginxJson } from "./nginx-json.ts";
import { nginxXml } from "./nginx-xml.ts";
import { plack } from "./plack.ts";
import { pythonHttp } from "./python-http.ts";
import { rclone } from "./rclone.ts";
import { s3 } from "./s3.ts";
import { serve } from "./serve.ts";
import { serveIndex } from "./serve-index.ts";
import { serveIndexJson } from "./serve-index-json.ts";
import { serveIndexText } from "./serve-index-text.ts";
import { serveJson } from "./serve-json.ts";
import { tomcat } from "./tomcat.ts";
import { twisted } from "./twisted.ts";
import { webfs } from "./webfs.ts";
import { webrick } from "./webrick.ts";

/**
 * Every flavour, most specific first; the first whose `matches` holds reads the page.
 * `generic` must stay last. A test fails when a file in this folder is not registered here.
 */
export const FLAVOURS: readonly Flavour[] = [
  // Machine-readable listings.
  s3,
  azureBlob,
  nginxXml,
  nginxJson,
  caddyJson,
  serveJson,
  serveIndexJson,
  ftpList,
  dosList,
  serveIndexText,
  // Products with a unique signature.
  h5ai,
  directoryLister,
  litespeed,
  iis,
  nginxFancyindex,
  lighttpd,
  httpServer,
  serve,
  serveIndex,
  tomcat,
  jetty,
  webfs,
  miniHttpd,
  webrick,
  plack,
  twisted,
  pythonHttp,
  rclone,
  caddy,
  // The common "Index of" family.
  apacheHtmltable,
  apachePre,
  apacheList,
  nginx,
  goFileserver,
  // The fallback for unknown server-rendered listings.
  generic,
];

/** The format ids, in registry order. */
export const FORMAT_IDS: readonly string[] = FLAVOURS.map((f) => f.id);
