#!/usr/bin/env bash
# The browser test of the web pages (docs/web.md): headless Chromium driven by Selenium signs in with the demo
# tokens, fills in a WHO-5 with the keyboard only, checks the result page, opens the citizen page, the attention
# list and the trends page, checks each page against WCAG 2 A and AA with axe-core, and saves a screenshot of each.
#
#   scripts/browser-test.sh                      # screenshots in a temporary folder
#   scripts/browser-test.sh docs/screenshots     # refresh the screenshots in the docs
#
# Installs what it needs when missing: Chromium and its driver from Debian's packages, Selenium and
# axe-selenium-python (which carries axe-core) from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium, axe_selenium_python' 2>/dev/null; then
  python3 -m pip install --quiet selenium axe-selenium-python \
    || python3 -m pip install --quiet --break-system-packages selenium axe-selenium-python
fi

swift build --product spor
spor="$(swift build --show-bin-path)/spor"
work="$(mktemp -d)"
screenshots="${1:-$work/screenshots}"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

"$spor" serve --data "$work/data" --demo --port "$port" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
stop() {
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work/data"
}
trap stop EXIT

python3 Tests/Browser/browser_test.py --base "http://127.0.0.1:$port" --tokens "$work/serve.out" --screenshots "$screenshots"
echo "browser test passed; screenshots in $screenshots"
