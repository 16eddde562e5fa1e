#!/bin/sh
# Install the wallet for this user, from the unpacked tarball (no Python needed):
#   ./install.sh [--prefix DIR] [--bin-dir DIR] [--no-register]
# Copies the bundle to DIR (default ~/.local/opt/wallet-app), links BIN-DIR/wallet-app
# (default ~/.local/bin) to it, then runs the bundle's own `wallet-app --register`: the menu
# entry (.desktop, Exec = this copy), the icons, the AppStream metainfo and the handlers of
# openid-credential-offer:, haip-vci:, haip: and the wallet's redirect scheme. Nothing outside your
# home folder is touched. Undo with DIR/uninstall.sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local/opt/wallet-app"
bindir="$HOME/.local/bin"
register=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --bin-dir) bindir=${2:?--bin-dir needs a folder}; shift 2 ;;
    --no-register) register=no; shift ;;
    -h|--help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "install.sh: $*" >&2; exit 1; }
[ -x "$here/wallet-app/wallet-app" ] || fail "no bundle next to this script ($here/wallet-app/wallet-app)"
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac
case "$bindir" in /*) ;; *) bindir="$(pwd)/$bindir" ;; esac
prefix=${prefix%/}
[ "$prefix" != "$HOME" ] && [ -n "$prefix" ] || fail "refusing to install into $prefix itself"
# an existing folder is replaced only when it holds an earlier install of this wallet
if [ -e "$prefix" ] && [ ! -x "$prefix/wallet-app" ]; then
  fail "$prefix exists and is not a wallet-app install; choose another --prefix"
fi
if [ -e "$bindir/wallet-app" ] && [ ! -L "$bindir/wallet-app" ]; then
  fail "$bindir/wallet-app exists and is not a link; remove it or choose another --bin-dir"
fi

mkdir -p "$(dirname "$prefix")" "$bindir"
rm -rf "$prefix.new"
cp -R "$here/wallet-app" "$prefix.new"
cp "$here/uninstall.sh" "$prefix.new/uninstall.sh"
chmod 755 "$prefix.new/uninstall.sh"
if [ -e "$prefix" ]; then
  rm -rf "$prefix.old"
  mv "$prefix" "$prefix.old"
fi
mv "$prefix.new" "$prefix"
rm -rf "$prefix.old"
ln -sfn "$prefix/wallet-app" "$bindir/wallet-app"
echo "Installed the wallet in $prefix; command: $bindir/wallet-app"

if [ "$register" = yes ]; then
  if "$prefix/wallet-app" --register; then
    :
  else
    echo "install.sh: the menu entry and link handlers were not registered (see above)." >&2
    echo "  The wallet is installed; run '$bindir/wallet-app --register' to try again." >&2
  fi
fi
case ":$PATH:" in
  *":$bindir:"*) ;;
  *) echo "Note: $bindir is not on your PATH; add it to run 'wallet-app' from a terminal." ;;
esac
