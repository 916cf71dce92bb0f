import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Capability, EksCluster, Fleet, Workload, WorkloadProps } from '../../lib';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { Synthesized, synthFleet } from '../support/synth';

const props = (cluster: EksCluster, extra: Partial<WorkloadProps>): WorkloadProps => ({
  image: 'ghcr.io/acme/shop:3.1.0', placement: [cluster], resources: { cpu: '500m', memory: '512Mi' }, ...extra,
});

function objects(outdir: string, file: string): Record<string, any> {
  return Object.fromEntries(parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS()).map(o => [o.kind, o]));
}

describe('Workload autoscaling, Gateway API route and OpenTelemetry', () => {
  let out: Synthesized;
  let byKind: any;
  beforeAll(() => {
    out = synthFleet(fleet => {
      // The team runs its own Gateway API implementation on this cluster.
      const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1', clusterName: 'shop-prod', provides: [Capability.GATEWAY_API] });
      eks.addNodePool('general');
      new Workload(fleet, 'shop', props(eks, {
        autoscaling: { minReplicas: 3, maxReplicas: 12, memoryUtilization: 80 },
        route: { gateway: 'public', hostnames: ['shop.example.com'], pathPrefix: '/api' },
        autoInstrument: 'java',
      }));
    }, { tags: { environment: 'prod' }, telemetry: { otlpEndpoint: 'http://otel-collector.observability:4317', exportEndpoint: 'https://otlp.example.com:4317' } });
    byKind = objects(out.outdir, 'kubernetes/aws-us/shop.yaml');
  });

  test('an HPA scales the Deployment, which leaves replicas to it', () => {
    expect(byKind.Deployment.spec.replicas).toBeUndefined();
    expect(byKind.HorizontalPodAutoscaler.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' },
      minReplicas: 3,
      maxReplicas: 12,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
    expect(byKind.PodDisruptionBudget).toBeDefined();
  });

  test('an HTTPRoute attaches to the Gateway, whose namespace the NetworkPolicy lets in', () => {
    expect(byKind.HTTPRoute).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      spec: {
        parentRefs: [{ name: 'public', namespace: 'gateway' }],
        hostnames: ['shop.example.com'],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'shop', port: 80 }] }],
      },
    });
    expect(byKind.NetworkPolicy.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  test('the NetworkPolicy lets the pods reach the in-cluster collector the endpoint names (OTLP gRPC and HTTP)', () => {
    expect(byKind.NetworkPolicy.spec.egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }],
      ports: [{ port: 4317, protocol: 'TCP' }, { port: 4318, protocol: 'TCP' }],
    });
  });

  test('containers export to the fleet\'s collector with cluster, version and environment attributes', () => {
    const container = byKind.Deployment.spec.template.spec.containers[0];
    expect(container.env).toEqual(expect.arrayContaining([
      { name: 'OTEL_SERVICE_NAME', value: 'shop' },
      { name: 'OTEL_RESOURCE_ATTRIBUTES', value: 'k8s.cluster.name=shop-prod,service.version=3.1.0,deployment.environment.name=prod' },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.observability:4317' },
    ]));
    expect(byKind.Deployment.spec.template.metadata.annotations).toEqual({ 'instrumentation.opentelemetry.io/inject-java': 'true' });
    expect(evaluateObject(byKind.Deployment, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
  });

  test('native sidecars: init containers that always restart, hardened like the app', () => {
    const out2 = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1' });
      eks.addNodePool('general');
      new Workload(fleet, 'api', props(eks, {
        sidecars: [{ name: 'log-shipper', image: 'ghcr.io/acme/shipper:0.4.1', resources: { cpu: '50m', memory: '64Mi' }, env: { TARGET: 'loki' } }],
      }));
    });
    const deployment = objects(out2.outdir, 'kubernetes/aws-us/api.yaml').Deployment;
    expect(deployment.spec.template.spec.initContainers).toEqual([{
      name: 'log-shipper',
      image: 'ghcr.io/acme/shipper:0.4.1',
      imagePullPolicy: 'IfNotPresent',
      restartPolicy: 'Always',
      env: [{ name: 'TARGET', value: 'loki' }],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '50m', memory: '64Mi' } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    }]);
    expect(evaluateObject(deployment, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
  });

  test('bad settings fail at construction', () => {
    const fleet = new Fleet();
    const eks = new EksCluster(fleet, 'cl', { region: 'us-east-1' });
    expect(() => new Workload(fleet, 'a', props(eks, { autoscaling: { minReplicas: 5, maxReplicas: 2 } })))
      .toThrow("workload 'fleet/a': autoscaling.maxReplicas 2 must be a whole number ≥ minReplicas 5");
    expect(() => new Workload(fleet, 'b', props(eks, { autoscaling: { minReplicas: 1, maxReplicas: 2, cpuUtilization: 150 } })))
      .toThrow(/autoscaling.cpuUtilization 150 must be a percentage from 1 to 100/);
    expect(() => new Workload(fleet, 'c', props(eks, { route: { gateway: 'public', pathPrefix: 'api' } })))
      .toThrow(/route.pathPrefix 'api' must start with '\/'/);
    expect(() => new Workload(fleet, 'd', props(eks, { autoInstrument: 'cobol' })))
      .toThrow(/autoInstrument 'cobol' is not an OpenTelemetry Operator language; use one of java, python, nodejs, dotnet, go/);
    expect(() => new Fleet({ telemetry: { otlpEndpoint: 'otel:4317' } })).toThrow(/telemetry.otlpEndpoint 'otel:4317' is not an http\(s\) URL/);
    const sidecar = { name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', resources: { cpu: '100m', memory: '128Mi' } };
    expect(() => new Workload(fleet, 'e', props(eks, { sidecars: [sidecar, sidecar] }))).toThrow(/sidecars\[1\].name 'proxy' is used twice in the pod/);
    expect(() => new Workload(fleet, 'f', props(eks, { sidecars: [{ ...sidecar, image: 'envoyproxy/envoy:latest' }] }))).toThrow(/image 'envoyproxy\/envoy:latest' is not pinned/);
    expect(() => new Workload(fleet, 'g', props(eks, { sidecars: [{ ...sidecar, resources: { cpu: '100m', memory: '1gb' } }] }))).toThrow(/memory '1gb' is not a memory quantity/);
  });
});
