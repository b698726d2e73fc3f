import { DateFinder } from "../text/date.ts";
import { decodeEntities } from "../text/entities.ts";
import { parseSize, SIZE_TOKEN } from "../text/size.ts";

const TAG = /<[^>]*>/g;
const DIR_WORDS = /(?:^|\s)(?:<dir>|\[directory\]|directory|folder)(?:\s|$)/i;

export interface Meta {
  size?: number;
  modified?: string;
  dirHint?: boolean;
}

/** Reads the date and size that a server prints next to a link. */
export class MetaReader {
  private readonly dates = new DateFinder();

  /**
   * Date and size from a fragment of listing markup (tags are dropped, entities decoded).
   * @example new MetaReader().read("</a></td><td>2013-04-09 08:12</td><td>1.8M</td>") // {modified, size}
   */
  read(fragment: string): Meta {
    const text = decodeEntities(fragment.indexOf("<") === -1 ? fragment : fragment.replace(TAG, " "));
    const meta: Meta = {};
    let rest = text;
    const date = this.dates.find(text);
    if (date) {
      meta.modified = date.iso;
      rest = `${text.slice(0, date.index)} ${text.slice(date.index + date.length)}`;
    }
    if (DIR_WORDS.test(rest)) meta.dirHint = true;
    const size = SIZE_TOKEN.exec(rest);
    if (size) {
      const bytes = parseSize(size[0]);
      if (bytes !== undefined) meta.size = bytes;
    }
    return meta;
  }
}
