import { stableJson } from '../../lib/core/stable-json';
import { jsonLine, pathSegments } from '../../lib/policy/json-line';

const doc = {
  resource: {
    z_last: { x: { a: 1 } },
    aws_eks_cluster: {
      cluster: {
        'version': '1.34',
        'vpc_config': { endpoint_public_access: false, subnet_ids: ['a', 'b'] },
        'enabled_cluster_log_types': [],
        '//': { metadata: { path: 'fleet/prod/cluster' } },
        'tags': undefined,
        'list': [{ k: 1 }, { k: 2, m: { n: [] } }],
      },
    },
  },
  terraform: { required_version: '>= 1.6.0' },
};

/** The line found by reading the serialized text, for comparison. */
function textLine(pattern: RegExp, nth = 0): number {
  const lines = stableJson(doc).split('\n');
  return lines.map((l, i) => [l, i + 1] as const).filter(([l]) => pattern.test(l))[nth][1];
}

describe('jsonLine', () => {
  test('finds nested keys and list elements where stableJson writes them', () => {
    expect(jsonLine(doc, 'resource.aws_eks_cluster.cluster.vpc_config.endpoint_public_access')).toBe(textLine(/"endpoint_public_access"/));
    expect(jsonLine(doc, 'resource.aws_eks_cluster.cluster.version')).toBe(textLine(/"version"/));
    expect(jsonLine(doc, 'resource.aws_eks_cluster.cluster.list[1].m.n')).toBe(textLine(/"n": \[\]/));
    expect(jsonLine(doc, 'resource.aws_eks_cluster.cluster.vpc_config.subnet_ids[1]')).toBe(textLine(/"b"/));
    expect(jsonLine(doc, 'resource.z_last.x.a')).toBe(textLine(/"a": 1/));
    expect(jsonLine(doc, 'terraform.required_version')).toBe(textLine(/"required_version"/));
  });

  test('a missing field resolves to its deepest present parent', () => {
    expect(jsonLine(doc, 'resource.aws_eks_cluster.cluster.encryption_config.resources')).toBe(textLine(/"cluster": \{/));
    expect(jsonLine(doc, 'resource.aws_eks_cluster.cluster.tags')).toBe(textLine(/"cluster": \{/));
  });

  test('paths with quoted keys and indices parse', () => {
    expect(pathSegments("spec.template.metadata.annotations['a.b/c'].x[2]")).toEqual(['spec', 'template', 'metadata', 'annotations', 'a.b/c', 'x', 2]);
  });
});
