import { PolicyInput, PolicyQuery } from '../../lib';

const cronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly', namespace: 'apps' },
  spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'nightly' } }, spec: { containers: [{ name: 'c', image: 'r/c:1' }] } } } } },
};
const statefulSet = { kind: 'StatefulSet', metadata: { name: 'db', labels: { 'app.kubernetes.io/name': 'db' } }, spec: { template: { spec: { containers: [{ name: 'db', image: 'r/db:2' }] } } } };
const pod = { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'p', image: 'r/p:3' }] } };
const service = { kind: 'Service', metadata: { name: 'db' }, spec: { ports: [{ port: 5432 }] } };

function input(): PolicyInput {
  return {
    terraform: [
      {
        file: 'terraform/a/main.tf.json',
        stack: 'a',
        json: {
          resource: {
            aws_eks_cluster: { one: { '//': { metadata: { path: 'fleet/a/cluster' } }, 'vpc_config': [{ endpoint_public_access: false }] } },
            aws_eks_node_group: { ng: { version: '1.33' } },
          },
        },
      },
      { file: 'terraform/b/main.tf.json', stack: 'b', json: { resource: { aws_eks_node_group: { ng2: { version: '${var.v}' } }, aws_eks_cluster: { two: {} } } } },
    ],
    kubernetes: [
      { file: 'kubernetes/a/x.yaml', constructPath: 'fleet/x', object: cronJob },
      { file: 'kubernetes/a/x.yaml', constructPath: 'fleet/x', object: service },
      { file: 'kubernetes/a/db.yaml', constructPath: 'fleet/db', object: statefulSet },
      { file: 'edge/s1/p.yaml', constructPath: 'fleet/edge/s1', object: pod },
    ],
  };
}

describe('PolicyQuery', () => {
  test('of() returns one shared query per input', () => {
    const i = input();
    expect(PolicyQuery.of(i)).toBe(PolicyQuery.of(i));
    expect(PolicyQuery.of(input())).not.toBe(PolicyQuery.of(i));
  });

  test('terraformResources: by type in stack order, several types keep stack order, none means all', () => {
    const q = PolicyQuery.of(input());
    expect(q.terraformResources('aws_eks_cluster').map(r => [r.name, r.file, r.constructPath, r.path])).toEqual([
      ['one', 'terraform/a/main.tf.json', 'fleet/a/cluster', 'resource.aws_eks_cluster.one'],
      ['two', 'terraform/b/main.tf.json', 'b', 'resource.aws_eks_cluster.two'],
    ]);
    expect(q.terraformResources('aws_eks_cluster', 'aws_eks_node_group').map(r => r.name)).toEqual(['one', 'ng', 'two', 'ng2']);
    expect(q.terraformResources().map(r => r.name).sort()).toEqual(['ng', 'ng2', 'one', 'two']);
    expect(q.terraformResources('google_container_cluster')).toEqual([]);
  });

  test('kubernetesObjects: by kind, several kinds in output order, none means all', () => {
    const q = PolicyQuery.of(input());
    expect(q.kubernetesObjects('Service').map(o => o.object.metadata.name)).toEqual(['db']);
    expect(q.kubernetesObjects('Pod', 'CronJob').map(o => o.object.kind)).toEqual(['CronJob', 'Pod']);
    expect(q.kubernetesObjects()).toHaveLength(4);
  });

  test('podTemplates: CronJob, StatefulSet and Pod templates with their paths; a Service has none', () => {
    const q = PolicyQuery.of(input());
    expect(q.podTemplates().map(t => [t.kind, t.owner.file, t.specPath, t.metadataPath, t.spec.containers[0].image])).toEqual([
      ['CronJob', 'kubernetes/a/x.yaml', 'spec.jobTemplate.spec.template.spec', 'spec.jobTemplate.spec.template.metadata', 'r/c:1'],
      ['StatefulSet', 'kubernetes/a/db.yaml', 'spec.template.spec', 'spec.template.metadata', 'r/db:2'],
      ['Pod', 'edge/s1/p.yaml', 'spec', 'metadata', 'r/p:3'],
    ]);
    expect(PolicyQuery.podTemplateOf({ file: 'f', constructPath: 'c', object: service })).toBeUndefined();
    for (const kind of ['Deployment', 'DaemonSet', 'Job', 'ReplicaSet']) {
      expect(PolicyQuery.podTemplateOf({ file: 'f', constructPath: 'c', object: { kind, spec: { template: { spec: { containers: [] } } } } })?.specPath).toBe('spec.template.spec');
    }
  });

  test('field: Terraform blocks written as lists are entered at [0], and the path says so', () => {
    const [one, two] = PolicyQuery.of(input()).terraformResources('aws_eks_cluster');
    expect(PolicyQuery.field(one, 'vpc_config.endpoint_public_access')).toEqual({
      value: false, found: true, path: 'resource.aws_eks_cluster.one.vpc_config[0].endpoint_public_access',
    });
    expect(PolicyQuery.field(two, 'vpc_config.endpoint_public_access')).toEqual({
      value: undefined, found: false, path: 'resource.aws_eks_cluster.two.vpc_config.endpoint_public_access',
    });
  });

  test('lookup: exact paths with indexes and quoted keys', () => {
    expect(PolicyQuery.lookup(cronJob, 'spec.jobTemplate.spec.template.spec.containers[0].image')).toEqual({
      value: 'r/c:1', found: true, path: 'spec.jobTemplate.spec.template.spec.containers[0].image',
    });
    expect(PolicyQuery.lookup(statefulSet, 'metadata.labels["app.kubernetes.io/name"]')).toEqual({
      value: 'db', found: true, path: 'metadata.labels["app.kubernetes.io/name"]',
    });
    expect(PolicyQuery.lookup(pod, 'spec.containers.image').found).toBe(false);
    expect(PolicyQuery.lookup(pod, 'spec.containers[1].image')).toEqual({ value: undefined, found: false, path: 'spec.containers[1].image' });
    expect(() => PolicyQuery.lookup(pod, 'spec..containers')).toThrow(/PolicyQuery: path 'spec\.\.containers' cannot be read at character 5/);
    expect(() => PolicyQuery.lookup(pod, '')).toThrow(/path '' is not a field path/);
  });

  test('selectors, expressions and open CIDRs', () => {
    expect(PolicyQuery.selectorMatches({ matchLabels: { app: 'db' } }, { app: 'db', tier: 'x' })).toBe(true);
    expect(PolicyQuery.selectorMatches({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, { app: 'db' })).toBe(false);
    expect(PolicyQuery.selectorMatches({}, {})).toBe(true);
    expect(PolicyQuery.selectorMatches(undefined, {})).toBe(false);
    expect(PolicyQuery.isTerraformExpression('${var.v}')).toBe(true);
    expect(PolicyQuery.isTerraformExpression('1.33')).toBe(false);
    expect([PolicyQuery.isOpenCidr('0.0.0.0/0'), PolicyQuery.isOpenCidr('::/0'), PolicyQuery.isOpenCidr('10.0.0.0/8')]).toEqual([true, true, false]);
  });

  test('a value that is not a PolicyInput is rejected', () => {
    expect(() => PolicyQuery.of({ terraform: [] } as any)).toThrow(/PolicyQuery.of: \{"terraform":\[\]\} is not a PolicyInput/);
  });
});
