#!/usr/bin/env bash
# Pack a built one-folder bundle with install.sh/uninstall.sh into
#   OUT_DIR/wallet-app-<version>-linux-<arch>.tar.gz
# Usage: packaging/tarball/make-tarball.sh DIST_BUNDLE_DIR OUT_DIR   (prints the tarball path)
set -euo pipefail
bundle=${1:?the bundle folder (dist/wallet-app)}
out=${2:?an output folder}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$("$bundle/wallet-app" --version | awk '{print $2}')
name="wallet-app-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp -R "$bundle" "$stage/$name/wallet-app"
cp "$here/install.sh" "$here/uninstall.sh" "$here/README.txt" "$stage/$name/"
[ ! -f "$root/LICENSE" ] || cp "$root/LICENSE" "$stage/$name/"
mkdir -p "$out"
# reproducible: sorted names, fixed owner and the time of the last commit
stamp=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" \
  -C "$stage" -cf - "$name" | gzip -n -6 > "$out/$name.tar.gz"
echo "$out/$name.tar.gz"
