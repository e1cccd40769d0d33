#!/usr/bin/env bash
# Installs what Ziar needs, idempotently and at pinned versions. Nothing is
# downloaded except from the package registries (crates, npm, Debian).
#   scripts/tools.sh build   wasm32 target, trunk, wasm-bindgen-cli, binaryen (wasm-opt), esbuild
#   scripts/tools.sh test    the above plus Chromium, chromedriver, nginx, playwright-core, and
#                            WordPress with MariaDB and PHP (for the real-WordPress e2e tests)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# Minifies the wasm-bindgen glue (the Trunk post-build hook, scripts/embed.sh).
ESBUILD_VERSION=0.25.12
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
export PATH="$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

build_tools() {
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! has_version trunk "trunk $TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
  if ! has_version wasm-bindgen "wasm-bindgen $WB_VERSION"; then
    say "installing wasm-bindgen-cli $WB_VERSION"
    # Not --locked: its own lockfile pins crates that no longer build on this toolchain.
    cargo install wasm-bindgen-cli --version "$WB_VERSION"
  fi
  if ! has_version wasm-opt "version $BINARYEN_VERSION" || ! has_version esbuild "^$ESBUILD_VERSION$"; then
    say "installing binaryen@$BINARYEN_VERSION (wasm-opt) and esbuild@$ESBUILD_VERSION into .tools/"
    mkdir -p .tools
    # Both in one command: an npm install --no-save of one would drop the other.
    npm install --prefix .tools --no-audit --no-fund --no-save \
      "binaryen@$BINARYEN_VERSION" "esbuild@$ESBUILD_VERSION" >/dev/null
  fi
}

test_tools() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # Debian's nginx for tests/e2e/deploy.test.mjs, which starts its own (no daemon, no root needed).
  if [ ! -x /usr/sbin/nginx ]; then
    say "installing Debian nginx (the deploy e2e test runs deploy/nginx.conf under it)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
  fi
  # A real WordPress for tests/e2e/wordpress.test.mjs (tests/e2e/wordpress.mjs runs its own
  # MariaDB and `php -S`; no service is used). php-cgi and nginx satisfy the wordpress
  # package's web-server and PHP dependencies, so apt does not pull in Apache.
  if [ ! -f /usr/share/wordpress/wp-load.php ] || [ ! -x /usr/sbin/mariadbd ] || [ ! -x /usr/bin/mariadb-install-db ] \
    || ! command -v php >/dev/null 2>&1 || ! php -m 2>/dev/null | grep -qx mysqli || ! php -m 2>/dev/null | grep -qx gd; then
    say "installing Debian wordpress, mariadb-server, mariadb-client, php-cli, php-mysql and php-gd"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      wordpress mariadb-server mariadb-client php-cli php-mysql php-gd php-cgi php nginx >/dev/null
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ]; then
    say "installing playwright-core and axe-core (no browser download: Debian chromium is used)"
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
  fi
}

case "${1:-build}" in
  build) build_tools ;;
  test) build_tools; test_tools ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac
