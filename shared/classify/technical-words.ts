// Words that redaction keeps because they say what a file is, not whom it is about.
// Everything else made of letters is masked, unless it is a word of words.ts or a file
// extension. Lower case; matched case-insensitively, with the same inflections as words.ts.
// Keep this list free of first names and surnames (no "mark", "will", "grace", "rose").

// biome-ignore format: a data table reads best packed, one rule per line
export const TECHNICAL_WORDS: readonly string[] = [
  // recordings and telephony
  "inbound", "outbound", "incoming", "outgoing", "in", "out", "recording", "recordings", "rec", "call", "calls",
  "audio", "voice", "mobile", "phone", "tel", "fax", "ext", "queue", "agent", "channel", "ch", "track", "mono",
  "stereo",
  // media
  "img", "image", "images", "dsc", "dscn", "dcim", "pic", "pics", "photo", "photos", "picture", "pictures", "foto",
  "bild", "bilder", "scan", "scans", "scanned", "screenshot", "screen", "shot", "video", "videos", "movie", "clip",
  "thumb", "thumbs", "thumbnail", "small", "medium", "large", "full", "hd", "raw", "edit", "edited", "cut", "mix",
  "master", "panorama", "vid", "mov", "wa", "pxl", "burst", "cover",
  // documents and office
  "doc", "docs", "document", "documents", "file", "files", "data", "report", "reports", "list", "lists", "form",
  "forms", "letter", "notes", "note", "draft", "final", "copy", "new", "old", "version", "rev", "signed", "page",
  "pages", "part", "summary", "export", "import", "template", "sample", "example", "test", "demo", "misc", "various",
  "and", "of", "the", "for", "to", "from", "with", "och", "av", "till", "med", "und", "der", "die", "das", "og", "ja",
  "rapport", "dokument", "lista", "kopia", "ny", "gammal", "utkast", "slutlig", "mall", "underlag", "protokoll",
  "bilaga", "avtal", "kontrakt", "contract", "agreement", "minutes", "memo", "offer", "offert", "order", "quote",
  // software, web and systems
  "backup", "backups", "dump", "db", "database", "sql", "www", "web", "site", "html", "public", "private", "home",
  "user", "users", "admin", "root", "config", "settings", "setup", "install", "installer", "release", "readme",
  "license", "changelog", "index", "default", "tmp", "temp", "cache", "log", "logs", "error", "access", "debug",
  "trace", "app", "api", "key", "keys", "id", "rsa", "dsa", "ecdsa", "ed", "env", "local", "prod", "production", "dev",
  "staging", "git", "svn", "linux", "windows", "mac", "macos", "debian", "ubuntu", "amd", "arm", "x", "i", "netinst",
  "live", "desktop", "server", "client", "build", "dist", "src", "source", "lib", "bin", "wp", "content", "uploads",
  "upload", "download", "downloads", "assets", "static", "icon", "icons", "logo", "favicon", "thumbs", "db", "passwd",
  "htpasswd", "htaccess", "shadow", "archive", "archived", "daily", "weekly", "monthly", "yearly", "nightly",
  "snapshot", "full", "incremental", "diff", "part", "v", "beta", "alpha", "rc", "stable", "latest", "current", "tar",
  "gz", "zip",
  // time
  "am", "pm", "utc", "gmt", "cet", "cest", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
  "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august", "september", "october",
  "november", "december", "januari", "februari", "mars", "maj", "juni", "juli", "augusti", "oktober", "januar",
  "februar", "märz", "mai", "oktober", "dezember", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "week", "vecka",
  "year", "month", "day", "år", "månad", "dag", "q", "kv", "h", "m", "s", "t", "z",
];
