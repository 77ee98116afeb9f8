#!/usr/bin/env bash
# Refresh the Indonesian message catalogs (each app keeps its own locale/ folder).
# Usage: scripts/messages.sh [APP_DIR ...]   (default: every app that has a locale/ folder)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-$(pwd)/.venv/bin/python}
apps=("$@")
[ ${#apps[@]} -gt 0 ] || apps=(marketplace/*/ catalog_import/ storefront_theme/)
for app in "${apps[@]}"; do
  [ -d "$app/locale" ] || continue
  (cd "$app" && DEBUG=true "$PY" "$OLDPWD/manage.py" makemessages -l id --no-obsolete --no-location -i "tests/*" -i "migrations/*" >/dev/null)
  echo "updated $app/locale"
done
