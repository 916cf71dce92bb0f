import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { AgentService, AgentServiceProps, Capability, EksCluster, Fleet } from '../../lib';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { Synthesized, synthFleet } from '../support/synth';
import { testWithTool } from '../support/tools';

const props = (cluster: EksCluster, extra: Partial<AgentServiceProps> = {}): AgentServiceProps => ({
  image: 'ghcr.io/acme/support-agent:1.0.3',
  placement: [cluster],
  resources: { cpu: '500m', memory: '1Gi' },
  allowTo: [{ cidr: '192.0.2.0/24', port: 443 }],
  ...extra,
});

function byKind(outdir: string, file: string): Record<string, any> {
  return Object.fromEntries(parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS()).map(o => [o.kind, o]));
}

describe('AgentService', () => {
  let out: Synthesized;
  let objs: Record<string, any>;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1', provides: [Capability.SANDBOX_RUNTIME] });
      eks.addNodePool('general');
      new AgentService(fleet, 'support', props(eks, {
        eventScaling: { maxReplicas: 20, triggers: [{ type: 'aws-sqs-queue', metadata: { queueURL: 'https://sqs.us-east-1.amazonaws.com/111122223333/tickets', queueLength: '5', awsRegion: 'us-east-1' } }] },
        stateGib: 10,
        storageClass: 'gp3',
        sandbox: true,
      }));
    });
    objs = byKind(out.outdir, 'kubernetes/aws-us/support.yaml');
  });

  test('per-agent state: a StatefulSet with a volume claim template mounted at /var/lib/agent', () => {
    expect(objs.Deployment).toBeUndefined();
    expect(objs.StatefulSet.spec).toMatchObject({
      serviceName: 'support-headless',
      volumeClaimTemplates: [{ metadata: { name: 'state' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '10Gi' } } } }],
    });
    expect(objs.StatefulSet.spec.replicas).toBeUndefined();
    expect(objs.StatefulSet.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'state', mountPath: '/var/lib/agent' });
  });

  test('scales on events with a KEDA ScaledObject targeting the StatefulSet, down to zero', () => {
    expect(objs.ScaledObject).toMatchObject({
      apiVersion: 'keda.sh/v1alpha1',
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'support' },
        minReplicaCount: 0,
        maxReplicaCount: 20,
        triggers: [{ type: 'aws-sqs-queue', metadata: { queueLength: '5' }, authenticationRef: { name: 'support' } }],
      },
    });
    // On EKS the SQS trigger reads the queue with the KEDA operator's Pod Identity.
    expect(objs.TriggerAuthentication).toMatchObject({ apiVersion: 'keda.sh/v1alpha1', metadata: { name: 'support' }, spec: { podIdentity: { provider: 'aws' } } });
    expect(objs.PodDisruptionBudget).toBeUndefined();
    expect(objs.HorizontalPodAutoscaler).toBeUndefined();
  });

  test('sandboxed runtime, egress allow-list only, and still Pod Security restricted', () => {
    expect(objs.StatefulSet.spec.template.spec.runtimeClassName).toBe('gvisor');
    expect(objs.NetworkPolicy.spec.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '192.0.2.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] });
    expect(evaluateObject(objs.StatefulSet, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
  });

  testWithTool('kubectl')('kubectl kustomize renders the StatefulSet', () => {
    expect(execFileSync('kubectl', ['kustomize', path.join(out.outdir, 'kubernetes/aws-us')]).toString()).toContain('kind: StatefulSet');
  });

  test('the StatefulSet\'s serviceName is a headless Service selecting its pods', () => {
    const services = parseAllDocuments(fs.readFileSync(path.join(out.outdir, 'kubernetes/aws-us/support.yaml'), 'utf8')).map(d => d.toJS())
      .filter(o => o.kind === 'Service');
    const headless = services.find(o => o.metadata.name === objs.StatefulSet.spec.serviceName);
    expect(headless.spec).toMatchObject({ clusterIP: 'None', selector: objs.StatefulSet.spec.selector.matchLabels });
    expect(services.find(o => o.metadata.name === 'support').spec.type).toBe('ClusterIP');
  });

  test('bad settings fail at construction', () => {
    const fleet = new Fleet();
    const eks = new EksCluster(fleet, 'c1', { region: 'us-east-1' });
    expect(() => new AgentService(fleet, 'a', props(eks, { eventScaling: { maxReplicas: 5, triggers: [] } })))
      .toThrow(/agentService 'fleet\/a': eventScaling.triggers is empty/);
    expect(() => new AgentService(fleet, 'b', props(eks, { eventScaling: { minReplicas: 4, maxReplicas: 2, triggers: [{ type: 'redis', metadata: {} }] } })))
      .toThrow(/eventScaling.maxReplicas 2 must be a whole number ≥ max\(1, minReplicas 4\)/);
    expect(() => new AgentService(fleet, 'c', props(eks, { stateGib: 0 }))).toThrow(/stateGib 0 must be a whole number of GiB ≥ 1/);
    expect(() => new AgentService(fleet, 'd', props(eks, {
      autoscaling: { minReplicas: 1, maxReplicas: 3 }, eventScaling: { maxReplicas: 3, triggers: [{ type: 'redis', metadata: {} }] },
    }))).toThrow(/eventScaling and autoscaling exclude each other/);
  });
});
