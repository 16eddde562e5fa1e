#!/bin/sh
# Remove the wallet installed by install.sh: the menu entry, icons, metainfo and link
# handlers (the bundle's own `wallet-app --unregister`), the command link and the bundle.
#   DIR/uninstall.sh [--bin-dir DIR]
# Your credentials stay in the wallet's data folder (~/.local/share/wallet-app) and its key
# in the system keyring; delete them yourself if you no longer want them.
set -eu

prefix=$(cd "$(dirname "$0")" && pwd)
bindir="$HOME/.local/bin"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin-dir) bindir=${2:?--bin-dir needs a folder}; shift 2 ;;
    -h|--help) sed -n '2,6s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ -x "$prefix/wallet-app" ] && [ -d "$prefix/_internal" ] \
  || { echo "uninstall.sh: $prefix does not look like a wallet-app install" >&2; exit 1; }
"$prefix/wallet-app" --unregister \
  || echo "uninstall.sh: could not remove the link handlers (see above); continuing" >&2
link="$bindir/wallet-app"
if [ -L "$link" ] && [ "$(readlink "$link")" = "$prefix/wallet-app" ]; then
  rm -f "$link"
fi
rm -rf "$prefix"
echo "Removed the wallet from $prefix."
