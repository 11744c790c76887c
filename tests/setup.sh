#!/bin/sh
# What the browser tests need beyond pip, on a bare Debian machine: Chromium and Java from apt, axe-core and vnu-jar
# from npm (tests/browser/), and Decap CMS, the editor of `cchc edit`, from npm (theme/quan-tri/: its built files only).
# Installs only what is missing, so it is quick to run again.
set -eu
cd "$(dirname "$0")/.."

packages=""
[ -x /usr/bin/chromium ] || packages="chromium"
command -v java >/dev/null || packages="$packages default-jre-headless"
command -v npm >/dev/null || packages="$packages npm"
if [ -n "$packages" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages
fi

# --ignore-scripts: vnu-jar's install script would download a Java runtime from GitHub; Debian's Java is used instead.
[ tests/browser/node_modules -nt tests/browser/package-lock.json ] ||
  npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts
[ theme/quan-tri/node_modules -nt theme/quan-tri/package-lock.json ] ||
  npm ci --prefix theme/quan-tri --no-audit --no-fund --ignore-scripts
