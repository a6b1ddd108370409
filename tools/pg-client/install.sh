#!/usr/bin/env bash
# The PostgreSQL 17 client (pg_dump, psql, createdb) and BusyBox that DatabaseDumpRestoreTest runs the
# database-dump CronJob's script with, installed into tools/pg-client/dist (not committed).
#
# Why from Debian trixie: the CronJob runs `postgres:<major>-alpine`, whose pg_dump must be of the server's major
# (17); pg_dump refuses a newer server. The embedded server from Maven Central (zonky) carries no client tools,
# and this machine's Debian (bookworm) packages only the 15 client. Trixie packages 17, built against glibc 2.41,
# so its binaries run through trixie's own loader and libc (extracted next to them, never installed), with the
# machine's libraries for the rest. BusyBox stands in for Alpine's /bin/sh and gzip (Debian's dash has no
# `set -o pipefail`, which the script relies on).
#
# Integrity: the suite's InRelease is checked with gpgv against the machine's debian-archive-keyring (which has
# trixie's keys), Packages.xz against InRelease's SHA256, each .deb against Packages. Versions are whatever
# trixie publishes now (the stable suite's security fixes); dist/VERSIONS records them.
# Runs in `./mvnw verify` (generate-test-resources); a second run with dist/ in place does nothing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dist="$here/dist"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite=trixie
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
packages=(postgresql-client-17 libpq5 libc6 libldap2 libssl3t64 libzstd1 busybox-static)
stamp="$dist/.installed-by"
script_hash="$(sha256sum "$0" | cut -d' ' -f1)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$script_hash" && -x "$dist/bin/pg_dump" ]]; then
  echo "pg-client: $(head -1 "$dist/VERSIONS") already in $dist"
  exit 0
fi

fail() { echo "pg-client: $*" >&2; exit 1; }
for tool in curl gpgv xz dpkg-deb sha256sum; do
  command -v "$tool" >/dev/null || fail "needs '$tool' (Debian package: curl, gpgv, xz-utils, dpkg or coreutils); install it and rerun"
done
[[ -f "$keyring" ]] || fail "needs $keyring (Debian package debian-archive-keyring) to check trixie's signature"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
get() { curl -fsS --retry 3 --retry-delay 2 -o "$2" "$1" || fail "could not download $1 (set DEBIAN_MIRROR to another Debian mirror)"; }

get "$mirror/dists/$suite/InRelease" "$tmp/InRelease"
gpgv --keyring "$keyring" --output "$tmp/Release" "$tmp/InRelease" 2>"$tmp/gpgv.log" \
  || fail "the signature of $suite's InRelease does not verify: $(cat "$tmp/gpgv.log")"
index=main/binary-amd64/Packages.xz
index_sha="$(awk -v f="$index" '/^SHA256:/{s=1; next} /^[^ ]/{s=0} s && $3 == f {print $1}' "$tmp/Release")"
[[ -n "$index_sha" ]] || fail "$suite's Release does not list $index"
get "$mirror/dists/$suite/$index" "$tmp/Packages.xz"
echo "$index_sha  $tmp/Packages.xz" | sha256sum -c --quiet - || fail "$index does not match its SHA256 in the signed Release"
xz -dc "$tmp/Packages.xz" > "$tmp/Packages"

mkdir -p "$tmp/root"
: > "$tmp/VERSIONS"
for package in "${packages[@]}"; do
  read -r version filename sha < <(awk -v p="$package" '
    /^Package: /{ok = ($2 == p)} ok && /^Version: /{v = $2} ok && /^Filename: /{f = $2} ok && /^SHA256: /{s = $2}
    /^$/{if (ok && f != "") {print v, f, s; exit} ok = 0}' "$tmp/Packages")
  [[ -n "${filename:-}" ]] || fail "$suite has no package $package"
  get "$mirror/$filename" "$tmp/package.deb"
  echo "$sha  $tmp/package.deb" | sha256sum -c --quiet - || fail "$filename does not match its SHA256 in Packages"
  dpkg-deb -x "$tmp/package.deb" "$tmp/root"
  echo "$package $version" >> "$tmp/VERSIONS"
done

# Wrappers: trixie's binaries through trixie's loader and libc, then the machine's libraries (krb5, sasl, lz4, zlib).
libs="$dist/root/usr/lib/x86_64-linux-gnu"
mkdir -p "$tmp/bin"
for tool in pg_dump pg_restore psql createdb dropdb; do
  cat > "$tmp/bin/$tool" <<EOF
#!/bin/sh
exec "$libs/ld-linux-x86-64.so.2" --library-path "$libs:/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu" "$dist/root/usr/lib/postgresql/17/bin/$tool" "\$@"
EOF
  chmod +x "$tmp/bin/$tool"
done
cp "$tmp/root/usr/bin/busybox" "$tmp/bin/busybox"

rm -rf "$dist"
mkdir -p "$dist"
mv "$tmp/root" "$tmp/bin" "$tmp/VERSIONS" "$dist/"
"$dist/bin/pg_dump" --version >/dev/null || fail "the installed pg_dump does not start; see $dist/VERSIONS"
echo "$script_hash" > "$stamp"
echo "pg-client: installed $(tr '\n' ' ' < "$dist/VERSIONS")into $dist"
