#!/usr/bin/env bash
# CI step: builds every jsii package of cdk-fleet and the example platform package.
#   1. `npx projen compile` (jsii) and `npx projen package-all`: the npm tarball, and the
#      Python, Java, Go and .NET packages (or their generated sources where this machine
#      lacks the language's registry or toolchain; scripts/package-binding.sh says why)
#   2. checks the artifacts exist
#   3. installs the Python package into a venv and synthesizes a one-cluster fleet from
#      Python (examples/python-one-cluster) where the jsii Python runtime can be installed;
#      says why not otherwise
#   4. builds the example platform package with jsii and synthesizes its consumer
set -euo pipefail
cd "$(dirname "$0")/.."

npx projen compile >/dev/null
npx projen package-all 2>&1 | grep -E '^package:' || true

fail=0
need() { # need <glob> <what>
  if compgen -G "$1" >/dev/null; then echo "packages: $2: $(compgen -G "$1" | head -n 1)"; else echo "packages: $2 missing ($1)" >&2; fail=1; fi
}
need 'dist/js/cdk-fleet@*.jsii.tgz' 'npm tarball'
need 'dist/python/*.tar.gz' 'Python package'
need 'dist/java/pom.xml' 'Java package (Maven project)'
need 'dist/go/*/go.mod' 'Go module'
need 'dist/dotnet/*/*.csproj' '.NET project'
[ "$fail" -eq 0 ] || exit 1

venv="$(mktemp -d)/venv"
python3 -m venv "$venv"
wheel="$(compgen -G 'dist/python/*.whl' | head -n 1 || true)"
if "$venv/bin/pip" install --quiet --disable-pip-version-check "${wheel:-$(compgen -G 'dist/python/*.tar.gz' | head -n 1)}" >"$venv/../pip.log" 2>&1; then
  out="$(mktemp -d)/cdk.out"
  node dist/cli/main.js synth --app "$venv/bin/python examples/python-one-cluster/main.py" --out "$out"
  test -f "$out/terraform/dev-eu/main.tf.json"
  echo "packages: Python: synthesized examples/python-one-cluster from the installed package"
else
  echo "packages: Python: pip cannot install the package here (it needs PyPI for the build backend and for the jsii runtime, cdktf and constructs):"
  grep -m2 -iE 'error|no matching' "$venv/../pip.log" | sed 's/^/    /' || true
  echo "packages: Python: synthesis from Python skipped (needs PyPI)"
fi

bash scripts/build-platform-example.sh "$(mktemp -d)/cdk.out"
