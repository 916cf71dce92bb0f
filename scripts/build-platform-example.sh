#!/usr/bin/env bash
# Builds the example platform package (examples/platform-package) with jsii against this
# repository's own jsii build, as a platform team's CI would against the published
# cdk-fleet, then synthesizes the stack that consumes it (examples/platform-consumer).
#   1. jsii-compiles cdk-fleet (dist/, .jsii) unless it is up to date
#   2. links cdk-fleet (this repository) into each example's node_modules
#   3. jsii-compiles the platform package (its .jsii assembly and lib/*.js)
#   4. runs the consumer's main.ts with cdk-fleet's CLI into cdk.out/
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
jsii="$root/node_modules/.bin/jsii"

newest_source="$(find lib -name '*.ts' -newer .jsii 2>/dev/null | head -n 1 || true)"
if [ ! -f .jsii ] || [ -n "$newest_source" ]; then
  echo "platform example: jsii-compiling cdk-fleet"
  "$jsii" --silence-warnings=reserved-word >/dev/null
fi

# The links point back at this repository: remove them when done, or tools that walk the
# tree through node_modules (jsii-docgen resolving dependencies) loop through them.
trap 'rm -rf examples/platform-package/node_modules examples/platform-consumer/node_modules' EXIT
link() { # link <example dir> <package name> <target>
  mkdir -p "$1/node_modules/$(dirname "$2")"
  ln -sfn "$3" "$1/node_modules/$2"
}
link examples/platform-package cdk-fleet "$root"
link examples/platform-consumer cdk-fleet "$root"
link examples/platform-consumer @acme/fleet-platform "$root/examples/platform-package"

echo "platform example: jsii-compiling @acme/fleet-platform"
(cd examples/platform-package && "$jsii" --silence-warnings=reserved-word)
test -f examples/platform-package/.jsii

out="${1:-cdk.out}"
echo "platform example: synthesizing examples/platform-consumer into $out"
node dist/cli/main.js synth --app "node $root/node_modules/.bin/ts-node --transpile-only -P $root/tsconfig.examples.json examples/platform-consumer/main.ts" --out "$out"
# the jsii-built package's golden path really ran: its owner label is on the service
grep -q 'acme.example/owner: checkout-oncall' "$out/kubernetes/checkout-eu/checkout.cart.yaml"
# and its preset's add-on: Acme's log shipping release in the cluster's add-ons stack
grep -q '"acme-logs"' "$out/terraform/checkout-eu-addons/main.tf.json"
echo "platform example: OK (the golden-path service carries its owner label; the preset's log shipping add-on is installed)"
