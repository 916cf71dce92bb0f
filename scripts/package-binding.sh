#!/usr/bin/env bash
# Builds one jsii language package (python, java, go or dotnet) into dist/<target>/.
#
# jsii-pacmak builds a real package where the language's toolchain and registry are at
# hand (a wheel needs PyPI for its build tools, a jar needs Maven Central for the jsii
# runtime, Go needs `go`, .NET needs `dotnet`). Where they are not, it falls back to the
# binding's generated sources (for Python also an sdist built with the machine's own
# setuptools) and says why, so `package-all` works on any machine that has Node.js.
# Set CDK_FLEET_PACKAGE_STRICT=1 (release machines) to fail instead of falling back.
set -uo pipefail
target="${1:?usage: package-binding.sh python|java|go|dotnet}"
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

tool=""
case "$target" in go) tool=go ;; dotnet) tool=dotnet ;; esac
if [ -n "$tool" ] && ! command -v "$tool" >/dev/null; then
  echo "no \`$tool\` on PATH" >"$log"   # pacmak would only fail later with spawn ENOENT
elif npx jsii-pacmak -v --target "$target" >"$log" 2>&1; then
  echo "package:$target: built with jsii-pacmak into dist/$target/"
  exit 0
fi
if [ "${CDK_FLEET_PACKAGE_STRICT:-}" = "1" ]; then
  tail -n 40 "$log"
  echo "package:$target: jsii-pacmak failed (CDK_FLEET_PACKAGE_STRICT=1: no fallback)" >&2
  exit 1
fi
reason="$(grep -m1 -iE 'error|not found|ENOENT|could not|unable|no `' "$log" | cut -c1-200)"
echo "package:$target: jsii-pacmak could not build the $target package on this machine (${reason:-see jsii-pacmak -v output});"
echo "package:$target: generating the $target binding's sources instead"
rm -rf "dist/$target"
if ! npx jsii-pacmak --code-only --target "$target" >"$log" 2>&1; then
  tail -n 40 "$log"
  echo "package:$target: generating the $target binding failed" >&2
  exit 1
fi
if [ "$target" = "python" ]; then
  # an sdist needs only setuptools, which every CPython ships (a wheel needs `wheel`/`build` from PyPI)
  if (cd dist/python && python3 setup.py -q sdist --dist-dir . >"$log" 2>&1); then
    echo "package:python: sdist $(ls dist/python/*.tar.gz)"
  else
    tail -n 20 "$log"
    echo "package:python: building the sdist failed" >&2
    exit 1
  fi
fi
echo "package:$target: sources in dist/$target/"
