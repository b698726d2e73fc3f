import { XmlBlocks, xmlText } from "../parsers/xml-blocks.ts";
import { entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { decodeEntities } from "../text/entities.ts";
import { type Flavour, serverOf } from "./flavour.ts";

/**
 * S3-compatible `ListBucketResult` (AWS, MinIO, Ceph, GCS XML API). Entry names are keys with the
 * request's `<Prefix>` removed; without a delimiter a listing is flat and names keep their
 * slashes. `CommonPrefixes` are folders.
 */
export const s3: Flavour = {
  id: "s3",
  matches: (f) => f.kind === "xml" && /<ListBucketResult[\s>]/.test(f.head),
  parser: (f, sink) => {
    let prefix = "";
    let seenPrefix = false;
    return new XmlBlocks(["Prefix", "Contents", "CommonPrefixes", "IsTruncated"], (tag, inner) => {
      if (tag === "Prefix") {
        if (!seenPrefix) prefix = decodeEntities(inner);
        seenPrefix = true;
      } else if (tag === "IsTruncated") {
        if (inner.trim() === "true") sink.truncated();
      } else if (tag === "Contents") {
        const key = decodeEntities(xmlText(inner, "Key") ?? "");
        const name = key.startsWith(prefix) ? key.slice(prefix.length) : key;
        if (name === "" || name.endsWith("/")) return; // the folder's own placeholder object
        const size = xmlText(inner, "Size");
        const modified = xmlText(inner, "LastModified");
        sink.entry(
          entryFor(
            f.base,
            name,
            false,
            size === undefined ? undefined : Number(size),
            modified === undefined ? undefined : parseDate(modified),
          ),
        );
      } else {
        const p = decodeEntities(xmlText(inner, "Prefix") ?? "");
        const name = p.startsWith(prefix) ? p.slice(prefix.length) : p;
        if (name !== "" && name !== "/") sink.entry(entryFor(f.base, name, true));
      }
    });
  },
  server: serverOf,
};
