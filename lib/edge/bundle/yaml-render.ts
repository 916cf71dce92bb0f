import { stringify } from 'yaml';

/**
 * Renders plain Kubernetes objects to one multi-document YAML string through a cdk8s
 * Chart of its own App (the same path cluster manifests take), so an edge variant is
 * rendered once however many sites share it.
 */
export function renderObjectsYaml(objects: Array<Record<string, any>>): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdk8s: typeof import('cdk8s') = require('cdk8s');
  const chart = new cdk8s.Chart(new cdk8s.App(), 'edge', { disableResourceNameHashes: true });
  objects.forEach((obj, i) => new cdk8s.ApiObject(chart, `${obj.kind}-${i}`, obj as any));
  return chart.toJson().map(o => stringify(o, { lineWidth: 0 })).join('---\n');
}
