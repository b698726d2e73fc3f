// An ordinary web page (a news article with navigation, prose, images and a footer) of
// about the requested size: what the content script meets on nearly every page load.

const WORDS =
  "the council said on tuesday that the new library would open in spring after delays caused by the weather and a shortage of builders residents welcomed the news".split(
    " ",
  );

function sentence(i: number): string {
  const n = 8 + (i % 9);
  const words: string[] = [];
  for (let k = 0; k < n; k++) words.push(WORDS[(i * 7 + k * 3) % WORDS.length] as string);
  const s = words.join(" ");
  return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
}

/** An article page of roughly `bytes` bytes. */
export function ordinaryPage(bytes: number): string {
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}/">Section ${i}</a></li>`).join("");
  const head = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>New library to open in spring | Example Gazette</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/site.css">
<script src="/assets/app.js" defer></script></head>
<body><header class="site-header"><a class="logo" href="/">Example Gazette</a><nav><ul>${nav}</ul></nav></header>
<main><article><h1>New library to open in spring</h1><p class="byline">By A. Writer, 25 November 2026</p>
`;
  const tail = `</article></main><footer><p>&copy; Example Gazette</p><a href="/privacy/">Privacy</a></footer></body></html>\n`;
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const p =
      i % 5 === 4
        ? `<figure><img src="/media/${i}.jpg" alt="Photo ${i}"><figcaption>${sentence(i)}</figcaption></figure>\n`
        : `<p>${sentence(i)} ${sentence(i + 1)} <a href="/news/2026/11/${i}/story-${i}">${sentence(i + 2)}</a> ${sentence(i + 3)}</p>\n`;
    parts.push(p);
    size += p.length;
  }
  parts.push(tail);
  return parts.join("");
}
