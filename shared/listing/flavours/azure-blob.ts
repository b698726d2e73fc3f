import { XmlBlocks, xmlText } from "../parsers/xml-blocks.ts";
import { entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { decodeEntities } from "../text/entities.ts";
import { type Flavour, serverOf } from "./flavour.ts";

/** Azure Blob `EnumerationResults` (`?restype=container&comp=list`): `<Blob>` and `<BlobPrefix>`. */
export const azureBlob: Flavour = {
  id: "azure-blob",
  matches: (f) => f.kind === "xml" && /<EnumerationResults[\s>]/.test(f.head),
  parser: (f, sink) => {
    let prefix = "";
    let seenPrefix = false;
    return new XmlBlocks(["Prefix", "Blob", "BlobPrefix", "NextMarker"], (tag, inner) => {
      if (tag === "Prefix") {
        if (!seenPrefix) prefix = decodeEntities(inner);
        seenPrefix = true;
        return;
      }
      if (tag === "NextMarker") {
        if (inner.trim() !== "") sink.truncated();
        return;
      }
      const full = decodeEntities(xmlText(inner, "Name") ?? "");
      const name = full.startsWith(prefix) ? full.slice(prefix.length) : full;
      if (name === "") return;
      if (tag === "BlobPrefix") {
        sink.entry(entryFor(f.base, name, true));
        return;
      }
      const size = xmlText(inner, "Content-Length");
      const modified = xmlText(inner, "Last-Modified");
      sink.entry(
        entryFor(
          f.base,
          name,
          false,
          size === undefined ? undefined : Number(size),
          modified === undefined ? undefined : parseDate(modified),
        ),
      );
    });
  },
  server: serverOf,
};
