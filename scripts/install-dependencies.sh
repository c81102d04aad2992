#!/usr/bin/env bash
# Installs what building Jiansuo needs beyond the Swift toolchain: the system ICU
# (libicu-dev), zlib (zlib1g-dev) and pkg-config, which locates them. Does nothing when
# all are present.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists icu-uc icu-i18n 2>/dev/null; then missing+=(libicu-dev); fi
if ! pkg-config --exists zlib 2>/dev/null; then missing+=(zlib1g-dev); fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing ${missing[*]} …" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
