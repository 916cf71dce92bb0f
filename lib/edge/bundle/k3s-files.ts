import { splitImage } from './site-values';
import type { K3sOptions } from '../edge-options';
import type { EdgeSite } from '../edge-site';

/** JSON strings are YAML double-quoted scalars: a safe and fast way to write YAML by hand. */
const q = JSON.stringify;

const DEFAULT_TOKEN_FILE = '/etc/rancher/k3s/cluster-token';

/**
 * `k3s/config.yaml` of the site's servers: node labels, disabled packaged components,
 * CIDRs, a private kubeconfig, secrets encryption, and the join token as a file
 * reference (the token itself is provisioned on the node, never in the bundle).
 */
export function serverConfig(site: EdgeSite, k3s: K3sOptions, nodeLabels: string[]): string {
  const disable = [...(k3s.disable ?? ['traefik', 'servicelb'])].sort();
  return [
    `# k3s server configuration of edge site ${site.siteName} (written by cdk-fleet)`,
    'write-kubeconfig-mode: "0600"',
    `token-file: ${q(k3s.tokenFile ?? DEFAULT_TOKEN_FILE)}`,
    `cluster-cidr: ${q(k3s.clusterCidr ?? '10.42.0.0/16')}`,
    `service-cidr: ${q(k3s.serviceCidr ?? '10.43.0.0/16')}`,
    ...(site.servers > 1 ? ['cluster-init: true'] : []),
    'secrets-encryption: true',
    ...(k3s.embeddedRegistry ? ['embedded-registry: true'] : []),
    ...list('disable', disable),
    ...list('node-label', nodeLabels),
    '',
  ].join('\n');
}

/** `k3s/agent-config.yaml` for the site's agents; the server URL comes from `K3S_URL` at install. */
export function agentConfig(site: EdgeSite, k3s: K3sOptions, nodeLabels: string[]): string {
  return [
    `# k3s agent configuration of edge site ${site.siteName} (written by cdk-fleet; set K3S_URL at install)`,
    `token-file: ${q(k3s.tokenFile ?? DEFAULT_TOKEN_FILE)}`,
    ...list('node-label', nodeLabels),
    '',
  ].join('\n');
}

/**
 * `k3s/registries.yaml`: every registry the site's images come from is pulled through
 * the site's mirror, with a rewrite that keeps upstreams apart on the mirror
 * (`ghcr.io/acme/pos` → `<mirror>/ghcr.io/acme/pos`). With the embedded registry, the
 * same registries are also shared between the site's nodes.
 */
export function registriesConfig(site: EdgeSite, k3s: K3sOptions, images: string[]): string | undefined {
  if (!site.registryMirror && !k3s.embeddedRegistry) return undefined;
  const registries = [...new Set(['docker.io', ...images.map(i => splitImage(i).registry)])]
    .filter(r => r !== site.registryMirror).sort();
  const lines = ['# k3s registry configuration (written by cdk-fleet)', 'mirrors:'];
  for (const registry of registries) {
    lines.push(`  ${q(registry)}:${site.registryMirror ? '' : ' {}'}`);
    if (site.registryMirror) {
      lines.push('    endpoint:', `      - ${q(`https://${site.registryMirror}`)}`, '    rewrite:', `      "^(.*)$": ${q(`${registry}/$1`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function list(key: string, values: string[]): string[] {
  return values.length === 0 ? [] : [`${key}:`, ...values.map(v => `  - ${q(v)}`)];
}
