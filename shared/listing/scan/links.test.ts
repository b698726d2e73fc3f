import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listingFixtures } from "../../../test/support/fixtures.ts";
import { detectListing } from "../detect.ts";
import { containerBase, entryFor, type LinkKind, LinkReader, makeBase } from "./links.ts";

const PAGE = "http://listing.example.com/medicall/2013/";

interface Read {
  kind: LinkKind;
  name?: string;
  isDir?: boolean;
  href?: string;
}

/** What a fresh reader makes of one href (fresh, so nothing is left over from an earlier read). */
function read(pageUrl: string, href: string, queryDir?: string): Read {
  const r =
    queryDir === undefined
      ? new LinkReader(makeBase(pageUrl))
      : new LinkReader(makeBase(pageUrl, queryDir), { param: queryDir, pageUrl });
  const kind = r.read(href);
  if (kind === "child") return { kind, name: r.name, isDir: r.isDir, href: r.href };
  if (kind === "parent") return { kind, href: r.href };
  return { kind };
}

const child = (name: string, isDir: boolean, href: string): Read => ({ kind: "child", name, isDir, href });

describe("makeBase", () => {
  it.each([
    [PAGE, { origin: "http://listing.example.com", dir: "/medicall/2013/", parentDir: "/medicall/" }],
    ["http://listing.example.com/medicall/2013/index.html", { dir: "/medicall/2013/", parentDir: "/medicall/" }],
    ["http://listing.example.com/medicall/2013/?C=M;O=A#top", { dir: "/medicall/2013/", parentDir: "/medicall/" }],
    ["http://listing.example.com/", { dir: "/", parentDir: null }],
    ["http://listing.example.com", { dir: "/", parentDir: null }],
    ["http://listing.example.com/a/", { dir: "/a/", parentDir: "/" }],
    ["http://listing.example.com:8080/a/", { origin: "http://listing.example.com:8080", dir: "/a/" }],
    ["ftp://listing.example.com/pub/", { origin: "ftp://listing.example.com", dir: "/pub/", parentDir: "/" }],
    [
      "http://listing.example.com/a%20b/m%C3%A5l/",
      { dir: "/a%20b/m%C3%A5l/", dirDecoded: "/a b/mål/", parentDir: "/a%20b/" },
    ],
  ])("%s", (url, want) => {
    expect(makeBase(url)).toMatchObject(want);
  });

  it("takes the folder from the query in Directory Lister mode", () => {
    expect(makeBase("http://listing.example.com/?dir=medicall/2013/04", "dir")).toMatchObject({
      dir: "/medicall/2013/04/",
      parentDir: "/medicall/2013/",
    });
    expect(makeBase("http://listing.example.com/?dir=a%20b", "dir")).toMatchObject({
      dir: "/a%20b/",
      dirDecoded: "/a b/",
    });
    expect(makeBase("http://listing.example.com/?dir=", "dir")).toMatchObject({ dir: "/", parentDir: null });
    expect(makeBase("http://listing.example.com/", "dir")).toMatchObject({ dir: "/", parentDir: null });
  });

  it("throws on a URL it cannot resolve against (the stream turns that into no listing)", () => {
    expect(() => makeBase("not a url")).toThrow();
  });
});

describe("containerBase", () => {
  it.each([
    ["http://listing.example.com/devstoreaccount1/medicall?restype=container&comp=list", "/devstoreaccount1/medicall/"],
    ["http://listing.example.com/medicall/?list-type=2&prefix=2013/", "/medicall/"],
    ["http://listing.example.com/medicall", "/medicall/"],
    ["http://medicall.listing.example.com/?list-type=2", "/"],
    ["http://listing.example.com", "/"],
  ])("%s → %s", (url, dir) => {
    expect(containerBase(url).dir).toBe(dir);
    expect(containerBase(url).origin).toBe(new URL(url).origin);
  });

  // Found by the adversarial fuzzing: an object-store page read from a URL with no origin threw.
  it.each(["file:///medicall/", "a:b", "mailto:x"])("does not throw for %s, a URL with no origin", (url) => {
    expect(containerBase(url).origin).toBe("null");
  });
});

describe("LinkReader: children", () => {
  it.each([
    ["x.wav", child("x.wav", false, `${PAGE}x.wav`)],
    ["x%20y.wav", child("x y.wav", false, `${PAGE}x%20y.wav`)],
    ["%2B46701234567.wav", child("+46701234567.wav", false, `${PAGE}%2B46701234567.wav`)],
    ["+46701234567.wav", child("+46701234567.wav", false, `${PAGE}+46701234567.wav`)],
    ["l%c3%b6n.xls", child("lön.xls", false, `${PAGE}l%c3%b6n.xls`)],
    ["inbound/", child("inbound", true, `${PAGE}inbound/`)],
    ["./x.wav", child("x.wav", false, `${PAGE}x.wav`)],
    ["./inbound/", child("inbound", true, `${PAGE}inbound/`)],
    ["/medicall/2013/x.wav", child("x.wav", false, `${PAGE}x.wav`)],
    ["/medicall/2013/inbound/", child("inbound", true, `${PAGE}inbound/`)],
    [`${PAGE}x.wav`, child("x.wav", false, `${PAGE}x.wav`)],
    ["HTTP://LISTING.EXAMPLE.COM/medicall/2013/x.wav", child("x.wav", false, `${PAGE}x.wav`)],
    ["http://listing.example.com:80/medicall/2013/x.wav", child("x.wav", false, `${PAGE}x.wav`)],
    ["//listing.example.com/medicall/2013/x.wav", child("x.wav", false, `${PAGE}x.wav`)],
    ["/medicall/2013/./x.wav", child("x.wav", false, `${PAGE}x.wav`)],
    ["08:12.wav", child("08:12.wav", false, `${PAGE}08:12.wav`)],
    ["./08:12.wav", child("08:12.wav", false, `${PAGE}08:12.wav`)],
    ["/medicall/2013/08:12.wav", child("08:12.wav", false, `${PAGE}08:12.wav`)],
    ["  x.wav\n", child("x.wav", false, `${PAGE}x.wav`)],
  ])("%j", (href, want) => {
    expect(read(PAGE, href)).toEqual(want);
  });

  it("reads a page URL that names a file (index.html) as its folder", () => {
    expect(read("http://listing.example.com/medicall/2013/index.html", "x.wav")).toEqual(
      child("x.wav", false, `${PAGE}x.wav`),
    );
  });
});

describe("LinkReader: the parent", () => {
  it.each(["../", "..", "./../", "/medicall/", "/medicall/2013/../", `http://listing.example.com/medicall/`])(
    "%j",
    (href) => {
      expect(read(PAGE, href)).toEqual({ kind: "parent", href: "http://listing.example.com/medicall/" });
    },
  );

  it("has no parent at the root", () => {
    for (const href of ["../", "..", "/", "http://listing.example.com/../"]) {
      expect(read("http://listing.example.com/", href).kind, href).toBe("other");
    }
    expect(read("http://listing.example.com/", "x.wav")).toEqual(
      child("x.wav", false, "http://listing.example.com/x.wav"),
    );
    expect(read("http://listing.example.com/", "/inbound/")).toEqual(
      child("inbound", true, "http://listing.example.com/inbound/"),
    );
  });
});

describe("LinkReader: anything else", () => {
  it.each([
    ["?C=N;O=D", "Apache sort link"],
    ["?C=M;O=A", "Apache sort link"],
    ["?C=N&O=A", "fancyindex sort link"],
    ["?N=D", "WEBrick sort link"],
    ["#frag", "fragment"],
    ["x.wav#t=10", "child with a fragment"],
    ["x.wav?download=1", "child with a query"],
    ["", "empty"],
    [".", "the folder itself"],
    ["./", "the folder itself"],
    ["/medicall/2013/", "the folder itself"],
    ["/", "the root"],
    ["/a/b/../", "another folder via dot segments"],
    ["/medicall", "the parent without its slash"],
    ["/other/x.wav", "another folder"],
    ["sub/x.wav", "deeper"],
    ["/medicall/2013/sub/x.wav", "deeper, absolute path"],
    ["a%2Fb", "an encoded slash"],
    ["x//", "an empty segment"],
    ["https://listing.example.com/medicall/2013/x.wav", "another scheme"],
    ["http://other.example.com/medicall/2013/x.wav", "another host"],
    ["//other.example.com/medicall/2013/x.wav", "another host, protocol-relative"],
    ["http://listing.example.com:8080/medicall/2013/x.wav", "another port"],
    ["mailto:webmaster@example.com", "mailto"],
    ["javascript:void(0)", "javascript"],
    ["data:text/plain,x", "data"],
    ["c:foo", "a scheme-like relative name"],
  ])("%j (%s)", (href) => {
    expect(read(PAGE, href).kind).toBe("other");
  });

  it("never reads an encoded dot segment as a child named . or ..", () => {
    for (const href of ["%2E%2E/", "%2e%2e/", ".%2E/", "%2E/", "%2E%2E"]) {
      const got = read(PAGE, href);
      expect(got.kind === "child" && (got.name === "." || got.name === ".."), `${href}: ${JSON.stringify(got)}`).toBe(
        false,
      );
    }
  });
});

describe("LinkReader: folder paths encoded differently from the page URL", () => {
  const URL_UPPER = "http://listing.example.com/m%C3%A5l/";
  const URL_LOWER = "http://listing.example.com/m%c3%a5l/";

  it.each([
    [URL_UPPER, "/m%C3%A5l/x.wav"],
    [URL_UPPER, "/m%c3%a5l/x.wav"],
    [URL_UPPER, "/mål/x.wav"],
    [URL_LOWER, "/m%C3%A5l/x.wav"],
    [URL_LOWER, "/mål/x.wav"],
  ])("%s with %j", (url, href) => {
    expect(read(url, href)).toMatchObject({ kind: "child", name: "x.wav", isDir: false });
    expect(new URL(read(url, href).href ?? "").pathname).toBe(`${new URL(url).pathname}x.wav`);
  });

  it("reads folders and the parent under either encoding", () => {
    expect(read(URL_UPPER, "/m%c3%a5l/sub/")).toMatchObject({ kind: "child", name: "sub", isDir: true });
    expect(read(URL_UPPER, "/m%c3%a5l/sub/x.wav").kind).toBe("other");
    expect(read(URL_UPPER, "/m%c3%a5l/").kind).toBe("other");
    expect(read("http://listing.example.com/a/m%C3%A5l/", "/a/m%c3%a5l/../")).toEqual({
      kind: "parent",
      href: "http://listing.example.com/a/",
    });
  });

  // The decoded folder prefix is cut from the raw href by length, which is wrong as soon as the
  // child's own name holds an escape.
  it.each([
    [URL_UPPER, "/m%c3%a5l/x%20y.wav", "x y.wav"],
    [URL_UPPER, "/mål/x%20y.wav", "x y.wav"],
    [URL_UPPER, "/m%c3%a5l/%c3%a5.wav", "å.wav"],
    [URL_UPPER, "/mål/b%C3%A5t.wav", "båt.wav"],
    [URL_UPPER, "/m%c3%a5l/%2B46701234567.wav", "+46701234567.wav"],
    ["http://listing.example.com/a%20b/", "/a b/x%20y.wav", "x y.wav"],
  ])("%s with %j keeps the child's escaped name (%s)", (url, href, name) => {
    const got = read(url, href);
    expect(got).toMatchObject({ kind: "child", name, isDir: false });
    expect(decodeURIComponent(new URL(got.href ?? "").pathname)).toBe(
      `${decodeURIComponent(new URL(url).pathname)}${name}`,
    );
  });

  it("reads such a page end to end (nginx markup, absolute hrefs in lower case)", () => {
    const page = `<html>\r\n<head><title>Index of /mål/</title></head>\r\n<body>\r\n<h1>Index of /mål/</h1><hr><pre><a href="../">../</a>\r\n<a href="/m%c3%a5l/x%20y.wav">x y.wav</a>                                            09-Apr-2013 08:12             1843244\r\n<a href="/m%c3%a5l/b%c3%a5t.wav">båt.wav</a>                                            09-Apr-2013 08:12             1843244\r\n</pre><hr></body>\r\n</html>\r\n`;
    const got = detectListing(page, { url: URL_UPPER, contentType: "text/html" });
    expect(got?.format).toBe("nginx");
    expect(got?.entries.map((e) => e.name)).toEqual(["x y.wav", "båt.wav"]);
  });
});

describe("LinkReader: Directory Lister (?dir=)", () => {
  const DL = "http://listing.example.com/?dir=medicall/2013";

  it("reads ?dir= folder links as child folders, with the page's query href", () => {
    const got = read(DL, "?dir=medicall/2013/04", "dir");
    expect(got).toMatchObject({ kind: "child", name: "04", isDir: true });
    const u = new URL(got.href ?? "");
    expect(u.origin + u.pathname).toBe("http://listing.example.com/");
    expect(u.searchParams.get("dir")).toBe("medicall/2013/04");
  });

  it("decodes encoded folder names in ?dir=", () => {
    expect(read(DL, "?dir=medicall/2013/m%C3%A5l", "dir")).toMatchObject({ kind: "child", name: "mål", isDir: true });
    expect(read(DL, "?dir=medicall%2F2013%2Fold%20recordings", "dir")).toMatchObject({
      kind: "child",
      name: "old recordings",
    });
  });

  it("reads file links as paths from the web root", () => {
    expect(read(DL, "medicall/2013/x.wav", "dir")).toEqual(
      child("x.wav", false, "http://listing.example.com/medicall/2013/x.wav"),
    );
    expect(read(DL, "/medicall/2013/x.wav", "dir")).toEqual(
      child("x.wav", false, "http://listing.example.com/medicall/2013/x.wav"),
    );
  });

  it("reads other query links and deeper folders as other", () => {
    for (const href of ["?dir=", "?dir=medicall/2013/04/09", "?zip=medicall/2013", "?sort=name", "#top"]) {
      expect(read(DL, href, "dir").kind, href).toBe("other");
    }
  });

  it("reads the ?dir= link one level up as the parent, with the href the page links", () => {
    const got = read(DL, "?dir=medicall", "dir");
    expect(got.kind).toBe("parent");
    const u = new URL(got.href ?? "");
    expect(u.searchParams.get("dir")).toBe("medicall");
  });

  it("reads the root folder (?dir= absent) with no parent", () => {
    expect(read("http://listing.example.com/", "?dir=medicall", "dir")).toMatchObject({
      kind: "child",
      name: "medicall",
      isDir: true,
    });
    expect(read("http://listing.example.com/", "x.wav", "dir")).toMatchObject({ kind: "child", name: "x.wav" });
  });

  it("reads an install below the web root (/lister/?dir=…) with hrefs under the install", () => {
    const fx = listingFixtures().find((f) => f.id === "directory-lister/files");
    expect(fx).toBeDefined();
    if (fx === undefined) return;
    const url = fx.url.replace("http://listing.example.com/", "http://listing.example.com/lister/");
    const got = detectListing(fx.body, { url, contentType: "text/html" });
    expect(got?.entries.map((e) => [e.name, e.isDir])).toEqual(fx.entries.map((e) => [e.name, e.isDir]));
    for (const e of got?.entries ?? []) expect(new URL(e.href).pathname, e.href).toMatch(/^\/lister\//);
  });
});

describe("LinkReader: reuse", () => {
  it("gives the same answers reused as fresh, in any order", () => {
    const hrefs = [
      "x.wav",
      "../",
      "?C=N;O=D",
      "inbound/",
      "/medicall/2013/y%20z.wav",
      "mailto:a@example.com",
      "08:12.wav",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...hrefs), { maxLength: 30 }), (seq) => {
        const r = new LinkReader(makeBase(PAGE));
        for (const h of seq) {
          const kind = r.read(h);
          const want = read(PAGE, h);
          if (kind !== want.kind) return false;
          if (kind === "child" && (r.name !== want.name || r.isDir !== want.isDir || r.href !== want.href))
            return false;
          if (kind === "parent" && r.href !== want.href) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("reads every encodeURIComponent'd name back as a child with that name", () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
          .filter((n) => !n.includes("/") && n !== "." && n !== ".."),
        fc.boolean(),
        (name, isDir) => {
          const href = encodeURIComponent(name) + (isDir ? "/" : "");
          const got = read(PAGE, href);
          return got.kind === "child" && got.name === name && got.isDir === isDir && got.href === PAGE + href;
        },
      ),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe("entryFor", () => {
  const base = makeBase(PAGE);

  it("percent-encodes the name in the href", () => {
    expect(entryFor(base, "x y.wav", false)).toEqual({ name: "x y.wav", href: `${PAGE}x%20y.wav`, isDir: false });
    expect(entryFor(base, "+46701234567.wav", false)?.href).toBe(`${PAGE}%2B46701234567.wav`);
    expect(entryFor(base, "R&D 'notes' 100%.txt", false)?.href).toBe(`${PAGE}R%26D%20'notes'%20100%25.txt`);
    expect(entryFor(base, "#?.wav", false)?.href).toBe(`${PAGE}%23%3F.wav`);
    expect(entryFor(base, "lön.xls", false)?.href).toBe(`${PAGE}l%C3%B6n.xls`);
  });

  it("gives folders one trailing slash in the href and none in the name", () => {
    expect(entryFor(base, "inbound", true)).toEqual({ name: "inbound", href: `${PAGE}inbound/`, isDir: true });
    expect(entryFor(base, "inbound/", true)).toEqual({ name: "inbound", href: `${PAGE}inbound/`, isDir: true });
  });

  it("keeps the slashes of an object key as path separators", () => {
    const azure = containerBase("http://listing.example.com/devstoreaccount1/medicall?restype=container&comp=list");
    expect(entryFor(azure, "2013/04/09/x y.wav", false, undefined, undefined, true)?.href).toBe(
      "http://listing.example.com/devstoreaccount1/medicall/2013/04/09/x%20y.wav",
    );
  });

  it("keeps sizes of files only, and only real ones", () => {
    expect(entryFor(base, "a", false, 5)?.size).toBe(5);
    expect(entryFor(base, "a", false, 0)?.size).toBe(0);
    expect(entryFor(base, "a", true, 4096)?.size).toBeUndefined();
    expect(entryFor(base, "a", false, -1)?.size).toBeUndefined();
    expect(entryFor(base, "a", false, Number.NaN)?.size).toBeUndefined();
    expect(entryFor(base, "a", false, Number.POSITIVE_INFINITY)?.size).toBeUndefined();
  });

  it("carries the date when given and leaves the key out otherwise", () => {
    expect(entryFor(base, "a", false, 1, "2013-04-09T08:12:00Z")?.modified).toBe("2013-04-09T08:12:00Z");
    expect("modified" in (entryFor(base, "a", false, 1) ?? { modified: 1 })).toBe(false);
    expect("size" in (entryFor(base, "a", false) ?? { size: 1 })).toBe(false);
  });

  it("round-trips any name through its href", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter((n) => !n.includes("/")),
        (name) => {
          const e = entryFor(base, name, false);
          if (e === undefined) return name === "." || name === "..";
          const rest = e.href.slice(PAGE.length);
          return e.href.startsWith(PAGE) && !rest.includes("/") && decodeURIComponent(rest) === name;
        },
      ),
      { seed: 5, numRuns: 500 },
    );
  });
});

describe("LinkReader: plain names and hrefs as written in HTML", () => {
  const reader = () => new LinkReader(makeBase(PAGE));

  it.each([
    ["%2E", "other"],
    ["%2E%2E", "other"],
    ["a%2Fb.wav", "other"],
    ["a%2fb.wav", "other"],
    ["x%2By.wav", "child"],
    ["l%C3%B6n.wav", "child"],
  ])("reads the plain-looking href %s as a %s, judged by its decoded name", (href, kind) => {
    expect(reader().read(href)).toBe(kind);
  });

  it("decodes character references before reading, and reads a plain name without them", () => {
    const r = reader();
    expect(r.readHtml("R&amp;D.txt")).toBe("child");
    expect([r.name, r.href]).toEqual(["R&D.txt", `${PAGE}R&D.txt`]);
    expect(r.readHtml("x%2By.wav")).toBe("child");
    expect([r.name, r.href, r.isDir]).toEqual(["x+y.wav", `${PAGE}x%2By.wav`, false]);
    expect(r.readHtml("a?b=1")).toBe("other");
    expect(r.readHtml("../")).toBe("parent");
  });

  it("agrees with read() of the decoded href on any href", () => {
    const chars = fc.constantFrom("a", "B", "1", ".", "/", "%", "2", "E", "F", "&", "amp;", "#", "?", ":", " ", "é");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (parts) => {
        const raw = parts.join("");
        const viaHtml = reader();
        const viaRead = reader();
        const kind = viaHtml.readHtml(raw);
        const decoded = raw.replaceAll("&amp;", "&");
        if (viaRead.read(decoded) !== kind) return false;
        return (
          kind !== "child" ||
          (viaHtml.name === viaRead.name && viaHtml.href === viaRead.href && viaHtml.isDir === viaRead.isDir)
        );
      }),
      { seed: 9, numRuns: 2000 },
    );
  });
});
