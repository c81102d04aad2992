#!/usr/bin/env bash
# Installs what building and testing Jiansuo needs beyond the Swift toolchain: the system ICU
# (libicu-dev), zlib (zlib1g-dev), zstd (libzstd-dev) and pkg-config, which locates them; for the web page's
# end-to-end test, Chromium, its WebDriver and a Chinese font (Debian's chromium,
# chromium-driver, fonts-wqy-microhei) and Python's selenium; wrk for the server's load
# benchmark. Does nothing when all are present.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists icu-uc icu-i18n 2>/dev/null; then missing+=(libicu-dev); fi
if ! pkg-config --exists zlib 2>/dev/null; then missing+=(zlib1g-dev); fi
if ! pkg-config --exists libzstd 2>/dev/null; then missing+=(libzstd-dev); fi
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || missing+=(fonts-wqy-microhei)

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} …" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
    echo "Installing selenium (PyPI) …" >&2
    python3 -m pip install -q selenium
fi
