import { XmlBlocks, xmlText } from "../parsers/xml-blocks.ts";
import { containerBase, entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { decodeEntities } from "../text/entities.ts";
import { type Flavour, serverOf } from "./flavour.ts";

/**
 * Azure Blob `EnumerationResults` (`?restype=container&comp=list`): each `<Blob>` is an entry
 * named by its full blob name, each `<BlobPrefix>` (with a delimiter) a folder.
 */
export const azureBlob: Flavour = {
  id: "azure-blob",
  matches: (f) => f.kind === "xml" && /<EnumerationResults[\s>]/.test(f.head),
  parser: (f, sink) => {
    const base = containerBase(f.url);
    return new XmlBlocks(["Blob", "BlobPrefix", "NextMarker"], (tag, inner) => {
      if (tag === "NextMarker") {
        if (inner.trim() !== "") sink.truncated();
        return;
      }
      const name = decodeEntities(xmlText(inner, "Name") ?? "");
      if (name === "") return;
      if (tag === "BlobPrefix") {
        sink.entry(entryFor(base, name, true, undefined, undefined, true));
        return;
      }
      const size = xmlText(inner, "Content-Length");
      const modified = xmlText(inner, "Last-Modified");
      sink.entry(
        entryFor(
          base,
          name,
          false,
          size === undefined ? undefined : Number(size),
          modified === undefined ? undefined : parseDate(modified),
          true,
        ),
      );
    });
  },
  server: serverOf,
};
