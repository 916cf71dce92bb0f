import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  Accelerator, AgentService, BatchJob, Capability, EksCluster, Fleet, ICluster, InferenceService, IPolicyPack, PodExtras,
  PolicyFinding, PolicyInput, PolicyLevel, PolicyRule, Probe, Team, WasmWorkload, Workload, WorkloadBase, WorkloadCommonProps,
  WorkloadProps, WorkloadRenderContext,
} from '../../lib';
import { tempDir } from '../support/synth';

const RESOURCES = { cpu: '250m', memory: '256Mi' };

/**
 * What a platform team's package would ship: a node agent kind (a DaemonSet, which no
 * built-in kind renders) built only on the public pipeline, with a ConfigMap of its own.
 */
interface NodeAgentProps extends WorkloadCommonProps {
  /** Contents of the agent's config file. */
  readonly config: string;
}

class NodeAgent extends WorkloadBase {
  private readonly config: string;

  constructor(scope: Construct, id: string, props: NodeAgentProps) {
    super(scope, id, props);
    this.config = props.config;
  }

  public podExtras(_cluster: ICluster): PodExtras {
    return {
      tolerations: [{ operator: 'Exists' }],
      volumes: [{ name: 'config', configMap: { name: `${this.workloadName}-config` } }],
      volumeMounts: [{ name: 'config', mountPath: '/etc/agent', readOnly: true }],
      // Cluster-scoped, written once per cluster whichever team's agents need it.
      objects: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'node-agents' }, value: 1000000 }],
    };
  }

  /** One pod per node: the hardened template, a DaemonSet, and the config as a ConfigMap. */
  public maxPods(cluster: ICluster): number {
    return cluster.nodePools.reduce((n, pool) => n + pool.maxSize, 0);
  }

  public renderObjects(context: WorkloadRenderContext): Array<{ [key: string]: any }> {
    return [
      context.serviceAccount(),
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: context.metadata(),
        spec: { selector: { matchLabels: context.selectorLabels }, template: context.podTemplate() },
      },
      // No labels at all: the pipeline must still stamp the fleet's and the team's.
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${this.workloadName}-config`, namespace: this.namespace }, data: { 'agent.yaml': this.config } },
      context.networkPolicy([]),
    ];
  }
}

/** A golden-path service: a Workload subclass that adds a ConfigMap through public members only. */
class ConfiguredService extends Workload {
  constructor(scope: Construct, id: string, props: WorkloadProps, private readonly settings: { [key: string]: string }) {
    super(scope, id, props);
  }

  public renderObjects(context: WorkloadRenderContext): Array<{ [key: string]: any }> {
    return [
      ...super.renderObjects(context),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${this.workloadName}-settings`, namespace: this.namespace, labels: { tier: 'config' } }, data: this.settings },
    ];
  }
}

/** Records what the policy engine was given. */
class RecordingPack implements IPolicyPack {
  public readonly id = 'recording';
  public readonly version = '1.0.0';
  public readonly rules: PolicyRule[] = [{ id: 'REC-001', level: PolicyLevel.INFO, description: 'Lists ConfigMaps.', fixHint: 'Nothing to fix.' }];
  public seen: Array<{ kind: string; name: string; constructPath: string; file: string }> = [];

  public evaluate(input: PolicyInput): PolicyFinding[] {
    this.seen = input.kubernetes.map(k => ({ kind: k.object.kind, name: k.object.metadata?.name, constructPath: k.constructPath, file: k.file }));
    return [];
  }
}

function docs(outdir: string, file: string): any[] {
  return parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS());
}

describe('a workload kind of a platform team, on the public render pipeline', () => {
  const outdir = path.join(tempDir(), 'cdk.out');
  const pack = new RecordingPack();
  let synthError: unknown;
  beforeAll(() => {
    const fleet = new Fleet({ outdir, tags: { 'environment': 'prod', 'cost-center': 'cc-7' }, policy: { packs: [pack] } });
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1', labels: { tier: 'general' } });
    eks.addNodePool('general', { maxSize: 5 });
    const team = new Team(fleet, 'observability', { clusters: [eks], quota: { cpu: '20', memory: '40Gi', pods: 40 } });
    new NodeAgent(fleet, 'log-agent', { team, image: 'ghcr.io/acme/log-agent:2.0.1', resources: RESOURCES, clusterSelector: { tier: 'general' }, config: 'level: info\n' });
    new ConfiguredService(fleet, 'web', { image: 'ghcr.io/acme/web:1.2.3', placement: [eks], resources: RESOURCES }, { MODE: 'fast' });
    try {
      fleet.synth();
    } catch (e) {
      synthError = e;
    }
  });

  test('the fleet places it by clusterSelector and writes its objects to the cluster directory', () => {
    expect(synthError).toBeUndefined();
    const objects = docs(outdir, 'kubernetes/prod/observability.log-agent.yaml');
    expect(objects.map(o => o.kind)).toEqual(['ServiceAccount', 'DaemonSet', 'ConfigMap', 'NetworkPolicy']);
    const kustomization = fs.readFileSync(path.join(outdir, 'kubernetes/prod/kustomization.yaml'), 'utf8');
    expect(kustomization).toContain('observability.log-agent.yaml');
  });

  test('every object it returns, the extra ConfigMap too, carries the fleet\'s and the team\'s labels', () => {
    const objects = docs(outdir, 'kubernetes/prod/observability.log-agent.yaml');
    for (const o of objects) {
      expect(o.metadata.labels).toMatchObject({ 'environment': 'prod', 'cost-center': 'cc-7', 'cdk-fleet.io/team': 'observability' });
    }
    const configMap = objects.find(o => o.kind === 'ConfigMap');
    expect(configMap).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'log-agent-config',
        namespace: 'observability',
        labels: { 'environment': 'prod', 'cost-center': 'cc-7', 'team': 'observability', 'cdk-fleet.io/team': 'observability' },
      },
      data: { 'agent.yaml': 'level: info\n' },
    });
  });

  test('its cluster-scoped objects are written once per cluster with the fleet\'s labels (not a team\'s)', () => {
    expect(docs(outdir, 'kubernetes/prod/cluster-objects.yaml')).toEqual([
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'node-agents', labels: { 'environment': 'prod', 'cost-center': 'cc-7' } }, value: 1000000 },
    ]);
  });

  test('its pods get the hardened template with the kind\'s extras', () => {
    const daemonSet = docs(outdir, 'kubernetes/prod/observability.log-agent.yaml').find(o => o.kind === 'DaemonSet');
    const pod = daemonSet.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(pod.containers[0].ports).toBeUndefined();
    expect(pod.containers[0].livenessProbe).toBeUndefined();
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/agent', readOnly: true }]);
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.restartPolicy).toBeUndefined();
  });

  test('its namespace enforces the Pod Security level the kind declares', () => {
    const namespace = docs(outdir, 'kubernetes/prod/team.observability.yaml').find(o => o.kind === 'Namespace');
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('a subclass of Workload adds an object that gets the fleet\'s labels, its own label kept', () => {
    const configMap = docs(outdir, 'kubernetes/prod/web.yaml').find(o => o.kind === 'ConfigMap');
    expect(configMap.metadata.labels).toEqual({ 'environment': 'prod', 'cost-center': 'cc-7', 'tier': 'config' });
  });

  test('the policy packs see its objects under its construct path', () => {
    expect(pack.seen).toEqual(expect.arrayContaining([
      { kind: 'DaemonSet', name: 'log-agent', constructPath: 'fleet/log-agent', file: 'kubernetes/prod/observability.log-agent.yaml' },
      { kind: 'ConfigMap', name: 'log-agent-config', constructPath: 'fleet/log-agent', file: 'kubernetes/prod/observability.log-agent.yaml' },
      { kind: 'ConfigMap', name: 'web-settings', constructPath: 'fleet/web', file: 'kubernetes/prod/web.yaml' },
    ]));
  });
});

describe('the pipeline checks what a kind returns and counts its pods against the quota', () => {
  class Broken extends WorkloadBase {
    constructor(scope: Construct, id: string, props: WorkloadCommonProps, private readonly objects: any[]) {
      super(scope, id, props);
    }
    public renderObjects(_context: WorkloadRenderContext): Array<{ [key: string]: any }> {
      return this.objects;
    }
  }
  const build = (objects: any[]) => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    eks.addNodePool('general');
    new Broken(fleet, 'odd', { image: 'ghcr.io/acme/odd:1.0.0', resources: RESOURCES, placement: [eks] }, objects);
    return fleet;
  };

  test.each([
    ['an object without a kind', [{ apiVersion: 'v1', metadata: { name: 'x' } }], /workload 'fleet\/odd': object 0 returned by renderObjects has no kind/],
    ['an object without a name', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }], /object 0 returned by renderObjects has no metadata.name/],
    ['a string', ['apiVersion: v1'], /object 0 returned by renderObjects is not an object/],
  ])('%s is an error naming the workload', (_what, objects, message) => {
    expect(() => build(objects).synth()).toThrow(message);
  });

  test.each<[string, (context: WorkloadRenderContext) => any, RegExp]>([
    ['probes without a port', c => c.podTemplate({ livenessProbe: Probe.tcp() }),
      /workload 'fleet\/odd': podTemplate got livenessProbe but no port; probes check the container port 'http', so give port too/],
    ['an unknown restart policy', c => c.podTemplate({ restartPolicy: 'Sometimes' }), /workload 'fleet\/odd': podTemplate restartPolicy 'Sometimes' is not one of Always, OnFailure, Never/],
  ])('the pod template builder rejects %s', (_what, use, message) => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    eks.addNodePool('general');
    class UsesTemplate extends WorkloadBase {
      public renderObjects(context: WorkloadRenderContext): Array<{ [key: string]: any }> {
        return [{ apiVersion: 'v1', kind: 'Pod', metadata: context.metadata(), spec: use(context).spec }];
      }
    }
    new UsesTemplate(fleet, 'odd', { image: 'ghcr.io/acme/odd:1.0.0', resources: RESOURCES, placement: [eks] });
    expect(() => fleet.synth()).toThrow(message);
  });

  test('maxPods of a user kind is what the team quota must hold', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    eks.addNodePool('general', { maxSize: 30 });
    const team = new Team(fleet, 'observability', { clusters: [eks], quota: { cpu: '2', memory: '4Gi', pods: 10 } });
    new NodeAgent(fleet, 'log-agent', { team, image: 'ghcr.io/acme/log-agent:2.0.1', resources: RESOURCES, placement: [eks], config: '' });
    expect(() => fleet.synth()).toThrow(/team 'fleet\/observability': on cluster 'prod', namespace 'observability' needs .* but the team's quota there is .*'fleet\/log-agent' [^(]*\(30 pod\(s\)\)/);
  });
});

describe('every built-in kind renders through the public renderObjects', () => {
  test('the fleet calls renderObjects, podExtras and maxPods of each kind', () => {
    const calls: string[] = [];
    // Record the calls without changing the result: wrap each kind's own methods.
    const originals = new Map<any, Record<string, Function>>();
    const kinds: Record<string, any> = { Workload, BatchJob, InferenceService, WasmWorkload, AgentService, WorkloadBase };
    for (const [kind, cls] of Object.entries(kinds)) {
      const own: Record<string, Function> = {};
      for (const method of ['renderObjects', 'podExtras', 'maxPods']) {
        if (Object.prototype.hasOwnProperty.call(cls.prototype, method)) own[method] = cls.prototype[method];
      }
      originals.set(cls, own);
      for (const [method, fn] of Object.entries(own)) {
        cls.prototype[method] = function (this: any, ...args: any[]) {
          calls.push(`${kind}.${method}:${this.node.id}`);
          return fn.apply(this, args);
        };
      }
    }
    try {
      const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
      const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1', provides: [Capability.WASM_SHIM] });
      eks.addNodePool('general');
      eks.addNodePool('wasm', { wasmShim: 'spin' });
      eks.addGpuNodePool('gpu', { accelerator: Accelerator.NVIDIA_L4 });
      const team = new Team(fleet, 'data', { clusters: [eks], quota: { cpu: '100', memory: '200Gi', pods: 100 } });
      const base = { image: 'ghcr.io/acme/app:1.0.0', resources: RESOURCES, placement: [eks] };
      new Workload(fleet, 'web', base);
      new BatchJob(fleet, 'etl', { ...base, team });
      new InferenceService(fleet, 'llm', { ...base, gpu: { accelerator: Accelerator.NVIDIA_L4 } });
      new WasmWorkload(fleet, 'fn', base);
      new AgentService(fleet, 'agent', { ...base, team });
      fleet.synth();
    } finally {
      for (const [cls, own] of originals) Object.assign(cls.prototype, own);
    }
    for (const id of ['web', 'etl', 'llm', 'fn', 'agent']) {
      expect(calls.filter(c => c.endsWith(`renderObjects:${id}`))).toHaveLength(1);
    }
    // Services render with Workload.renderObjects, the job with its own; the team's workloads are counted with maxPods.
    expect(calls).toEqual(expect.arrayContaining([
      'Workload.renderObjects:web', 'Workload.renderObjects:llm', 'Workload.renderObjects:fn', 'Workload.renderObjects:agent', 'BatchJob.renderObjects:etl',
      'BatchJob.maxPods:etl', 'Workload.maxPods:agent',
      'InferenceService.podExtras:llm', 'WasmWorkload.podExtras:fn', 'AgentService.podExtras:agent', 'WorkloadBase.podExtras:etl',
    ]));
  });
});
