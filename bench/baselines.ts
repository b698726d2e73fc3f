// The baselines: general-purpose parsers doing the least work that finds a listing's links.
import { Parser } from "htmlparser2";
import { parse } from "parse5";

interface Node5 {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node5[];
}

/** parse5 builds the full DOM; we then walk it for `<a href>`. */
export function parse5Links(html: string): number {
  const doc = parse(html) as unknown as Node5;
  let links = 0;
  const stack: Node5[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop() as Node5;
    if (node.nodeName === "a" && node.attrs?.some((a) => a.name === "href")) links++;
    if (node.childNodes) for (const c of node.childNodes) stack.push(c);
  }
  return links;
}

/** htmlparser2 in SAX mode: a callback per tag, collecting hrefs and the text that follows. */
export function htmlparser2Links(html: string): number {
  let links = 0;
  let chars = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "a" && attrs.href !== undefined) links++;
      },
      ontext(t) {
        chars += t.length;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return chars > 0 ? links : -1;
}
