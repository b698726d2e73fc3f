#!/usr/bin/env bash
# Installs the Debian packages the test suites run for real, when they are missing: nginx and
# apache2 (listings served on 127.0.0.1) and chromium (the extension's end-to-end runs).
# Called by `npm test` and `.ci/run`; does nothing when all are present. Needs root and apt-get;
# without them it names what to install and fails.
set -euo pipefail
WANT=(nginx apache2 chromium)
missing=()
for p in "${WANT[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "indexwatch: the tests need these Debian packages: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "installing ${missing[*]} (once)…" >&2
# Never let a package start its service (port 80, every address) while installing.
made_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  made_policy=1
fi
trap '[ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT
apt-get update -qq >/dev/null || echo "apt-get update failed; trying the package lists there are" >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
