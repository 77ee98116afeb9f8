#!/usr/bin/env bash
# Refresh every app's Indonesian message catalog (each app keeps its own locale/ folder).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-$(pwd)/.venv/bin/python}
for app in marketplace/*/ catalog_import/ storefront_theme/; do
  [ -d "$app/locale" ] || continue
  (cd "$app" && DEBUG=true "$PY" "$OLDPWD/manage.py" makemessages -l id --no-obsolete --no-location -i "tests/*" -i "migrations/*" >/dev/null)
  echo "updated $app/locale"
done
