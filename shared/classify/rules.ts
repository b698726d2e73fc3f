import type { Category } from "./categories.ts";
import type { Signal } from "./signals.ts";

// File-type rules as data. A new rule brings its cases in __fixtures__/<category>.json;
// rules.test.ts fails when a rule id is exercised by no case. Personal words live in
// words.ts, mirror and public-download markers in mirror-rules.ts, and the number shapes
// (identity numbers, dates, phone numbers, email) beside their checks in national-id.ts,
// dates.ts, phone.ts and email.ts.

/** Decides the category from the last extension (lower-case, without the dot). */
export interface ExtensionRule {
  readonly id: string;
  readonly category: Category;
  readonly extensions: readonly string[];
  readonly signals?: readonly Signal[];
}

/** Decides the category from the whole lower-cased name; tried before the extension. */
export interface NameRule {
  readonly id: string;
  readonly category: Category;
  /** Exact lower-case names. */
  readonly names?: readonly string[];
  /** A pattern on the lower-cased name. */
  readonly pattern?: RegExp;
  /** Last extensions the pattern can apply to: `""` for none, `"#"` for digits (`.1`). */
  readonly when?: readonly string[];
  readonly signals?: readonly Signal[];
  /** Extra signals when the file is a left-behind copy (`.bak`, `~`, `.swp` …) of this name. */
  readonly copySignals?: readonly Signal[];
}

// biome-ignore format: a data table reads best packed, one rule per line
export const EXTENSION_RULES: readonly ExtensionRule[] = [
  { id: "ext-audio", category: "audio", extensions: ["wav", "mp3", "ogg", "oga", "opus", "flac", "m4a", "aac", "wma", "amr", "awb", "3ga", "gsm", "aif", "aiff", "au", "mka", "ra", "vox", "spx", "caf", "m4b"] },
  { id: "ext-video", category: "video", extensions: ["mp4", "m4v", "mov", "avi", "mkv", "wmv", "flv", "webm", "mpg", "mpeg", "3gp", "3g2", "mts", "m2ts", "vob", "ogv", "asf", "rm", "rmvb", "dav", "h264"] },
  { id: "ext-image", category: "image", extensions: ["jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "tif", "tiff", "heic", "heif", "webp", "avif", "raw", "cr2", "cr3", "nef", "arw", "dng", "orf", "psd", "xcf", "svg", "ico"] },
  { id: "ext-medical-image", category: "image", extensions: ["dcm", "dicom"], signals: ["medical"] },
  { id: "ext-document", category: "document", extensions: ["pdf", "doc", "docx", "docm", "dot", "dotx", "odt", "ott", "rtf", "txt", "text", "md", "rst", "pages", "wpd", "wps", "xps", "oxps", "epub", "mobi", "ppt", "pptx", "pps", "ppsx", "odp", "tex", "djvu", "hwp"] },
  { id: "ext-spreadsheet", category: "spreadsheet", extensions: ["xls", "xlsx", "xlsm", "xlsb", "xlt", "xltx", "ods", "ots", "csv", "tsv", "numbers"] },
  { id: "ext-database", category: "database", extensions: ["sql", "db", "sqlite", "sqlite3", "db3", "mdb", "accdb", "dbf", "frm", "ibd", "myd", "myi", "mdf", "ldf", "ndf", "dump", "bson", "rdb", "gdb", "fdb", "nsf"], signals: ["database-dump"] },
  { id: "ext-archive", category: "archive", extensions: ["zip", "rar", "7z", "tar", "gz", "tgz", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "lz", "lzma", "z", "cab", "arj", "lzh", "cpio", "sit", "sitx", "war", "ear", "jar", "deb", "udeb", "rpm", "apk", "whl", "gem", "nupkg", "crx", "xpi", "snap"] },
  { id: "ext-private-key", category: "credential", extensions: ["pem", "key", "p12", "pfx", "jks", "keystore", "bks", "ppk", "kdb", "kdbx", "psafe3", "keychain", "p8", "ovpn"], signals: ["credentials"] },
  { id: "ext-certificate", category: "config", extensions: ["crt", "cer", "csr", "der", "p7b", "p7c", "pub"] },
  { id: "ext-mailbox", category: "mailbox", extensions: ["mbox", "mbx", "pst", "ost", "eml", "emlx", "msg", "dbx", "olm", "vcf", "vcard"] },
  { id: "ext-installer-image", category: "disk-image", extensions: ["iso", "img", "dmg", "toast", "nrg", "udf", "wim", "esd", "cdr"] },
  { id: "ext-machine-image", category: "disk-image", extensions: ["vmdk", "vdi", "vhd", "vhdx", "qcow", "qcow2", "ova", "hdd", "hds", "e01", "ex01", "aff", "vmem", "vmsn"], signals: ["backup"] },
  { id: "ext-log", category: "log", extensions: ["log", "logs"] },
  { id: "ext-code", category: "code", extensions: ["js", "mjs", "cjs", "ts", "tsx", "jsx", "py", "pyc", "rb", "php", "phtml", "php3", "php4", "php5", "pl", "pm", "sh", "bash", "zsh", "ps1", "psm1", "bat", "cmd", "vbs", "c", "h", "cc", "cpp", "hpp", "cs", "java", "class", "go", "rs", "swift", "kt", "scala", "lua", "r", "css", "scss", "sass", "less", "html", "htm", "xhtml", "shtml", "jsp", "asp", "aspx", "ashx", "cgi", "wasm", "map", "vue", "svelte", "erb", "twig", "tpl", "inc"] },
  { id: "ext-config", category: "config", extensions: ["ini", "conf", "cfg", "config", "cnf", "yml", "yaml", "toml", "properties", "json", "xml", "plist", "reg", "prefs"] },
  { id: "ext-font", category: "other", extensions: ["woff", "woff2", "ttf", "otf", "eot", "fon", "pfb"] },
  { id: "ext-executable", category: "other", extensions: ["exe", "msi", "msix", "appx", "appimage", "pkg", "flatpak", "ipa", "xapk", "aab", "bin", "torrent", "metalink", "meta4", "zsync"] },
  { id: "ext-signature", category: "other", extensions: ["sha1", "sha256", "sha512", "md5", "sig", "asc", "sign", "minisig", "sha256sum", "sha512sum", "sha1sum", "md5sum", "b2"] },
];

// biome-ignore format: a data table reads best packed, one rule per line
/** Wrappers that take the category of what they wrap (`dump.sql.gz` is a database). */
export const COMPRESSION_EXTENSIONS: readonly string[] = [
  "gz", "bz2", "xz", "zst", "lz", "lzma", "z", "zip", "7z", "rar", "tgz",
];

// biome-ignore format: a data table reads best packed, one rule per line
/**
 * Left-behind copies: `.bak`, `.old`, `~`, vim swap files, `_backup`, and source saved as
 * text (`config.php.txt`). A copy takes the category of the original and the backup signal.
 */
export const COPY_EXTENSIONS: readonly string[] = [
  "bak", "bk", "bkp", "bck", "old", "orig", "original", "backup", "save", "saved", "swp", "swo", "copy", "prev",
];
// biome-ignore format: a data table reads best packed, one rule per line
export const COPY_ENDINGS: readonly string[] = [
  "~", "_bak", "-bak", "_old", "-old", "_backup", "-backup", "_orig", "-orig", "_copy", "-copy",
];
// biome-ignore format: a data table reads best packed, one rule per line
/** Extensions whose `.txt` copy is a left-behind copy of source (PHP shows as text only then). */
export const SOURCE_AS_TEXT: readonly string[] = [
  "php", "php3", "php4", "php5", "php7", "phtml", "inc", "asp", "aspx", "jsp", "py", "rb", "pl", "cgi", "conf", "cfg",
  "ini", "env", "yml", "yaml", "config",
];

/** The rule id reported when a name is a left-behind copy. */
export const COPY_RULE_ID = "copy-suffix";

// biome-ignore format: a data table reads best packed, one rule per line
export const NAME_RULES: readonly NameRule[] = [
  { id: "name-ssh-private-key", category: "credential", names: ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"], signals: ["credentials"] },
  { id: "name-password-file", category: "credential", names: [".htpasswd", "htpasswd", ".htdigest", "shadow", "shadow-", "gshadow", "master.passwd", "secring.gpg", "wallet.dat", "master.key"], signals: ["credentials"] },
  { id: "name-credential-file", category: "credential", names: [".git-credentials", ".netrc", "_netrc", ".pgpass", ".my.cnf", ".boto", ".s3cfg", ".dockercfg", ".npmrc", ".pypirc", ".vault-token", "credentials", "credentials.json", "credentials.xml", "client_secret.json", "service-account.json", "secrets.yml", "secrets.yaml", "secrets.json", "token.json", "terraform.tfstate"], signals: ["credentials"] },
  { id: "name-public-certificate", category: "config", pattern: /^(?:.*[-_.])?(?:cert|certificate|fullchain|chain|ca|ca-bundle|cacert|pubkey|public)\.pem$/, when: ["pem"] },
  { id: "name-dotenv", category: "config", pattern: /^(?:\.env(?:\.[\w-]+)?|[\w.-]+\.env)$/, when: ["", "env", "local", "production", "prod", "development", "dev", "staging", "test", "testing"], signals: ["credentials"] },
  { id: "name-dotenv-template", category: "config", pattern: /^\.env\.(?:example|sample|dist|template|defaults?)$/, when: ["example", "sample", "dist", "template", "default", "defaults"] },
  { id: "name-php-config", category: "config", names: ["wp-config.php", "wp-config", "configuration.php", "config.php", "config.inc.php", "settings.php", "localsettings.php", "local.xml", "db.php", "database.php", "dbconnect.php", "db_connect.php", "connect.php", "conn.php", "connection.php", "db_config.php", "config.inc", "web.config"], copySignals: ["credentials"] },
  { id: "name-app-secrets-config", category: "config", names: ["database.yml", "settings.py", "local_settings.py", "settings_local.py", "parameters.yml", "appsettings.json", "appsettings.production.json", "application.properties", "application.yml", "docker-compose.yml", "docker-compose.yaml", "config.json", "config.yml"], signals: ["credentials"] },
  { id: "name-repository", category: "source-control", names: [".git", ".svn", ".hg", ".bzr", "_darcs", "cvs"], signals: ["source-control"] },
  { id: "name-vcs-metadata", category: "source-control", names: [".gitignore", ".gitattributes", ".gitmodules", ".gitkeep", ".hgignore", ".hgtags", ".cvsignore", ".mailmap"] },
  { id: "name-shell-history", category: "log", names: [".bash_history", ".zsh_history", ".sh_history", ".history", ".mysql_history", ".psql_history", ".python_history", ".node_repl_history", ".rediscli_history"], signals: ["credentials"] },
  { id: "name-ssh-config", category: "config", names: ["authorized_keys", "authorized_keys2", "known_hosts", "ssh_config", "sshd_config", ".ssh", "passwd", ".htaccess", ".user.ini", "php.ini", "nginx.conf", "httpd.conf"] },
  { id: "name-web-log", category: "log", names: ["error_log", "access_log", "php_errors", "debug.log"], pattern: /\.log(?:\.\d+)+(?:\.(?:gz|bz2|xz|zst))?$|^(?:access|error|ssl_access|ssl_error|syslog|messages)\.\d+(?:\.gz)?$/, when: ["#", "gz", "bz2", "xz", "zst"] },
  { id: "name-system-junk", category: "other", names: ["thumbs.db", "ehthumbs.db", ".ds_store", "desktop.ini", ".localized", ".directory"] },
  { id: "name-plain-dotfile", category: "config", pattern: /^\.[^.]+$/, when: [""] },
];
