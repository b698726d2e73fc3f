import { XmlBlocks, xmlText } from "../parsers/xml-blocks.ts";
import { containerBase, entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { decodeEntities } from "../text/entities.ts";
import { type Flavour, serverOf } from "./flavour.ts";

/**
 * S3-compatible `ListBucketResult` (AWS, MinIO, Ceph, GCS's XML API). Each `<Contents>` is an
 * entry named by its full key (a browser visit lists flat, without a delimiter); a key ending
 * in `/` is a folder marker. With a delimiter, each `<CommonPrefixes>` is a folder.
 */
export const s3: Flavour = {
  id: "s3",
  matches: (f) => f.kind === "xml" && /<ListBucketResult[\s>]/.test(f.head),
  parser: (f, sink) => {
    const base = containerBase(f.url);
    return new XmlBlocks(["Contents", "CommonPrefixes", "IsTruncated"], (tag, inner) => {
      if (tag === "IsTruncated") {
        if (inner.trim() === "true") sink.truncated();
        return;
      }
      if (tag === "CommonPrefixes") {
        const prefix = decodeEntities(xmlText(inner, "Prefix") ?? "");
        if (prefix !== "" && prefix !== "/") sink.entry(entryFor(base, prefix, true, undefined, undefined, true));
        return;
      }
      const key = decodeEntities(xmlText(inner, "Key") ?? "");
      if (key === "") return;
      const size = xmlText(inner, "Size");
      const modified = xmlText(inner, "LastModified");
      sink.entry(
        entryFor(
          base,
          key,
          key.endsWith("/"),
          size === undefined ? undefined : Number(size),
          modified === undefined ? undefined : parseDate(modified),
          true,
        ),
      );
    });
  },
  server: serverOf,
};
