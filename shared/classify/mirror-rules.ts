// Markers of software mirrors and public download folders, as data. Files that match
// are "artifacts": they never carry personal signals from words, and a listing made
// mostly of them is `info` — unless something critical or high sits among them.

// biome-ignore format: a data table reads best packed, one rule per line
/** Installable packages and download helpers. */
export const PACKAGE_EXTENSIONS: readonly string[] = [
  "deb", "udeb", "rpm", "apk", "msi", "msix", "appx", "exe", "dmg", "pkg", "appimage", "snap", "flatpak", "whl", "gem",
  "nupkg", "crx", "xpi", "ipa", "xapk", "aab", "torrent", "metalink", "meta4", "zsync", "jigdo",
];

/** Installer media; artifacts unless the name carries a personal word. */
export const INSTALLER_IMAGE_EXTENSIONS: readonly string[] = ["iso", "img", "wim", "esd"];

// biome-ignore format: a data table reads best packed, one rule per line
/** Checksums and signatures. */
export const CHECKSUM_EXTENSIONS: readonly string[] = [
  "sha1", "sha256", "sha512", "md5", "sig", "asc", "sign", "minisig", "sha256sum", "sha512sum", "sha1sum", "md5sum",
  "b2",
];

// biome-ignore format: a data table reads best packed, one rule per line
/** Mirror metadata files (lower case). */
export const MIRROR_FILES: readonly string[] = [
  "sha256sums", "sha512sums", "sha1sums", "md5sums", "b2sums", "sha256sums.txt", "md5sum.txt", "sha256sum.txt",
  "sha256sums.gpg", "sha256sums.sign", "sha512sums.sign", "md5sums.sign", "release", "inrelease", "release.gpg",
  "packages", "packages.gz", "packages.xz", "packages.bz2", "sources", "sources.gz", "sources.xz", "ls-lr", "ls-lr.gz",
  "timestamp", "timestamp.txt", "trace", "mirrors", "mirrors.txt", "filelist.gz", "repomd.xml", "repomd.xml.asc",
  "fullfilelist", "imagelist", "mirror-list", "lastsync", "lastupdate",
];

/** Repository files: `Contents-amd64.gz`, `hello_2.10.dsc`, `hello_2.10.orig.tar.gz`, `hello_2.10-1.debian.tar.xz`. */
export const MIRROR_FILE_PREFIXES: readonly string[] = ["contents-"];
export const MIRROR_FILE_EXTENSIONS: readonly string[] = ["dsc", "changes", "buildinfo"];
export const MIRROR_FILE_INFIXES: readonly string[] = [".orig.tar.", ".debian.tar."];

// biome-ignore format: a data table reads best packed, one rule per line
/** Front-end assets served by every web site. */
export const WEB_ASSET_EXTENSIONS: readonly string[] = [
  "js", "mjs", "css", "map", "woff", "woff2", "ttf", "otf", "eot", "svg", "ico", "less", "scss", "swf",
];

// biome-ignore format: a data table reads best packed, one rule per line
/** Words that make an image a site asset (`logo.png`, `icon-user@2x.png`). */
export const ASSET_IMAGE_WORDS: readonly string[] = [
  "icon", "icons", "logo", "logos", "sprite", "sprites", "banner", "favicon", "bg", "background", "arrow", "button",
  "btn", "spinner", "loader", "placeholder", "emoji", "flag", "avatar", "default", "blank", "pixel", "spacer",
  "header", "footer",
];

/** A release version in a name: `nginx-1.24.0.tar.gz`, `v2.3`, `python-3.12.0-amd64`. */
export const VERSION_PATTERN = /(?:^|[-_ .])v?\d+\.\d+(?:\.\d+)*(?:[-_.~+]|[a-z]|$)/;

// biome-ignore format: a data table reads best packed, one rule per line
/** Files that say nothing either way (README, LICENSE …), by name before the first dot. */
export const NEUTRAL_BASENAMES: readonly string[] = [
  "readme", "license", "licence", "copying", "changelog", "changes", "news", "install", "authors", "contributing",
  "header", "footer", "robots", "humans", "notice", "keys", "thanks", "todo", ".message", "welcome", "index",
  "version",
];

// biome-ignore format: a data table reads best packed, one rule per line
/** Folder names of mirrors (and version folders like `12.5.0`, see VERSION_DIR). */
export const MIRROR_DIRS: readonly string[] = [
  "dists", "pool", "project", "indices", "zzz-dists", "debian", "debian-security", "debian-cd", "ubuntu", "releases",
  "release", "stable", "testing", "unstable", "oldstable", "current", "latest", "pub", "mirror", "mirrors", "isos",
  "iso", "os", "x86_64", "aarch64", "amd64", "i386", "i686", "arm64", "armhf", "ppc64le", "s390x", "noarch", "srpms",
  "rpms", "repodata", "efi", "casper", "isolinux", "live", "firmware", "contrib", "non-free", "non-free-firmware",
  "main", "updates", "security", "backports", "epel", "centos", "fedora", "rocky", "almalinux", "alpine", "archlinux",
  "gentoo", "distfiles", "nightly", "nightlies", "binaries", "dist", "community", "extra", "core", "multilib", "edge",
  "by-hash", "i18n", "dep11", "jigdo-cd", "jigdo-dvd", "iso-cd", "iso-dvd", "bt-cd", "bt-dvd", "netboot", "cloud",
  "ports", "source",
];

/** Version folders: `12.5.0`, `v3.19`. */
export const VERSION_DIR = /^v?\d+\.\d+(?:\.\d+)*(?:[-_.][a-z0-9]+)*$/;

/** `binary-amd64`, `installer-arm64`, `debian-installer`. */
export const MIRROR_DIR_PATTERN = /^(?:binary|installer|source)-[\w-]+$|^debian-installer$/;

// biome-ignore format: a data table reads best packed, one rule per line
/** Path segments of mirror and asset trees; they make the mirror test more lenient. */
export const MIRROR_PATH_SEGMENTS: readonly string[] = [
  "debian", "debian-cd", "debian-security", "ubuntu", "ubuntu-releases", "ubuntu-cdimage", "centos", "centos-stream",
  "fedora", "epel", "rocky", "almalinux", "archlinux", "alpine", "gentoo", "opensuse", "linuxmint", "mint", "kali",
  "raspbian", "freebsd", "openbsd", "netbsd", "gnu", "kernel", "apache", "cpan", "ctan", "pypi", "cran", "maven2",
  "mirror", "mirrors", "pub", "releases", "dists", "pool", "isos", "icons", "distfiles",
];

// biome-ignore format: a data table reads best packed, one rule per line
/** Path segments under which images are site assets (Apache's `/icons/`, `/static/` …). */
export const ASSET_PATH_SEGMENTS: readonly string[] = [
  "icons", "assets", "static", "theme", "themes", "css", "js", "fonts", "font", "vendor", "node_modules",
  "wp-includes", "plugins", "skins", "sprites", "emoji", "flags", "dist", "build",
];

// biome-ignore format: a data table reads best packed, one rule per line
/** Rule ids, for the fixture meta-test. */
export const MIRROR_RULE_IDS = [
  "mirror-package", "mirror-installer-image", "mirror-checksum", "mirror-metadata", "mirror-release",
  "mirror-web-asset", "mirror-asset-image", "mirror-neutral", "mirror-dir", "mirror-path",
] as const;

export type MirrorRuleId = (typeof MIRROR_RULE_IDS)[number];
