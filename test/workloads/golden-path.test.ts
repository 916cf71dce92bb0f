import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  Accelerator, BatchJob, BatchJobProps, EdgeFleet, EksCluster, EnvFromSource, EnvValueSource, Fleet, InferenceService, Probe,
  VolumeSource, Workload, WorkloadProps,
} from '../../lib';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { Synthesized, synthFleet, tempDir } from '../support/synth';

const RESOURCES = { cpu: '250m', memory: '256Mi' };

function byKind(outdir: string, file: string): Record<string, any> {
  return Object.fromEntries(parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS()).map(o => [o.kind, o]));
}

describe('golden-path workload features in the YAML', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
      eks.addNodePool('general');
      new Workload(fleet, 'api', {
        image: 'ghcr.io/acme/api:2.4.0',
        placement: [eks],
        resources: RESOURCES,
        env: { LOG_LEVEL: 'info' },
        envValueFrom: {
          DB_PASSWORD: EnvValueSource.secretKey('db-credentials', 'password'),
          FEATURE_SET: EnvValueSource.configMapKey('features', 'set.json', { optional: true }),
        },
        envFrom: [EnvFromSource.configMap('api-settings'), EnvFromSource.secret('api-keys', { prefix: 'KEY_', optional: true })],
        volumes: [
          { name: 'tls', source: VolumeSource.secret('api-tls'), mountPath: '/etc/tls' },
          { name: 'rules', source: VolumeSource.configMap('api-rules'), mountPath: '/etc/api/rules.yaml', subPath: 'rules.yaml' },
          { name: 'cache', source: VolumeSource.emptyDir({ sizeLimit: '1Gi', memory: true }), mountPath: '/var/cache/api' },
          { name: 'uploads', source: VolumeSource.persistentVolumeClaim('api-uploads'), mountPath: '/data/uploads', readOnly: false },
          { name: 'archive', source: VolumeSource.persistentVolumeClaim('api-archive'), mountPath: '/data/archive' },
        ],
        command: ['/app/api'],
        args: ['--listen', ':8080'],
        livenessProbe: Probe.tcp({ initialDelaySeconds: 5, periodSeconds: 20 }),
        readinessProbe: Probe.http({ path: '/ready', timeoutSeconds: 1, failureThreshold: 2 }),
        startupProbe: Probe.http({ failureThreshold: 60 }),
        healthPath: '/live',
      });
      new BatchJob(fleet, 'report', {
        image: 'ghcr.io/acme/report:1.0.0',
        placement: [eks],
        resources: RESOURCES,
        envFrom: [EnvFromSource.secret('report-creds')],
        volumes: [{ name: 'templates', source: VolumeSource.configMap('report-templates'), mountPath: '/templates' }],
        command: ['/report'],
      });
      new Workload(fleet, 'plain', { image: 'ghcr.io/acme/plain:1.0.0', placement: [eks], resources: RESOURCES });
    });
  });

  const api = () => byKind(out.outdir, 'kubernetes/prod/api.yaml').Deployment.spec.template.spec;

  test('env: values, Secret and ConfigMap keys sorted by name; whole Secrets and ConfigMaps in envFrom', () => {
    const container = api().containers[0];
    expect(container.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
      { name: 'FEATURE_SET', valueFrom: { configMapKeyRef: { name: 'features', key: 'set.json', optional: true } } },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'api-settings' } },
      { prefix: 'KEY_', secretRef: { name: 'api-keys', optional: true } },
    ]);
  });

  test('volumes: read-only by default (an emptyDir is writable), after the /tmp scratch volume', () => {
    const pod = api();
    expect(pod.volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'tls', secret: { secretName: 'api-tls' } },
      { name: 'rules', configMap: { name: 'api-rules' } },
      { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
      { name: 'uploads', persistentVolumeClaim: { claimName: 'api-uploads' } },
      { name: 'archive', persistentVolumeClaim: { claimName: 'api-archive', readOnly: true } },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'tls', mountPath: '/etc/tls', readOnly: true },
      { name: 'rules', mountPath: '/etc/api/rules.yaml', subPath: 'rules.yaml', readOnly: true },
      { name: 'cache', mountPath: '/var/cache/api' },
      { name: 'uploads', mountPath: '/data/uploads' },
      { name: 'archive', mountPath: '/data/archive', readOnly: true },
    ]);
  });

  test('command and args on a service', () => {
    expect(api().containers[0]).toMatchObject({ command: ['/app/api'], args: ['--listen', ':8080'] });
  });

  test('probes: TCP or HTTP with their own timing; unset fields keep the defaults', () => {
    const container = api().containers[0];
    expect(container.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, initialDelaySeconds: 5, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 3 });
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 2 });
    expect(container.startupProbe).toEqual({ httpGet: { path: '/live', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 60 });
  });

  test('a workload without them is unchanged: default HTTP probes on healthPath, only /tmp, no envFrom', () => {
    const container = byKind(out.outdir, 'kubernetes/prod/plain.yaml').Deployment.spec.template.spec.containers[0];
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 });
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 1 });
    expect(container.startupProbe).toBeUndefined();
    expect(container.envFrom).toBeUndefined();
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('a batch job takes env sources, volumes and a command too', () => {
    const job = byKind(out.outdir, 'kubernetes/prod/report.yaml').Job.spec.template.spec;
    expect(job.containers[0]).toMatchObject({
      command: ['/report'],
      envFrom: [{ secretRef: { name: 'report-creds' } }],
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'templates', mountPath: '/templates', readOnly: true }],
    });
    expect(job.volumes).toEqual([{ name: 'tmp', emptyDir: {} }, { name: 'templates', configMap: { name: 'report-templates' } }]);
  });

  test('the pods still meet Pod Security restricted with a read-only root', () => {
    const deployment = byKind(out.outdir, 'kubernetes/prod/api.yaml').Deployment;
    expect(evaluateObject(deployment, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
    expect(deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(evaluateObject(byKind(out.outdir, 'kubernetes/prod/report.yaml').Job, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
  });
});

describe('probe settings on a specialised service', () => {
  test('an InferenceService keeps its long startup probe unless the props give one', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
      eks.addGpuNodePool('gpu', { accelerator: Accelerator.NVIDIA_L4 });
      const gpu = { accelerator: Accelerator.NVIDIA_L4 };
      new InferenceService(fleet, 'llm', { image: 'ghcr.io/acme/llm:1.0.0', placement: [eks], resources: RESOURCES, gpu });
      new InferenceService(fleet, 'small', {
        image: 'ghcr.io/acme/llm:1.0.0', placement: [eks], resources: RESOURCES, gpu, startupProbe: Probe.http({ path: '/loaded', periodSeconds: 5, failureThreshold: 24 }),
      });
    });
    const probe = (name: string) => byKind(out.outdir, `kubernetes/prod/${name}.yaml`).Deployment.spec.template.spec.containers[0].startupProbe;
    expect(probe('llm')).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 90 });
    expect(probe('small')).toEqual({ httpGet: { path: '/loaded', port: 'http' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 24 });
  });
});

describe('golden-path features on edge workloads', () => {
  test('volumes, env sources, command and probes reach the site bundles', () => {
    const out = synthFleet(fleet => {
      const edge = new EdgeFleet(fleet, 'stores', { sites: [{ name: 'store-a' }] });
      edge.addWorkload('pos', {
        image: 'ghcr.io/acme/pos:3.8.1',
        resources: RESOURCES,
        command: ['/pos', 'serve'],
        envValueFrom: { TOKEN: EnvValueSource.secretKey('pos-token', 'token') },
        volumes: [{ name: 'menu', source: VolumeSource.configMap('menu'), mountPath: '/etc/menu' }],
        readinessProbe: Probe.tcp(),
      });
    });
    const docs = parseAllDocuments(fs.readFileSync(path.join(out.outdir, 'edge/store-a/manifests/workloads.yaml'), 'utf8')).map(d => d.toJS());
    const container = docs.find(o => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.command).toEqual(['/pos', 'serve']);
    expect(container.env).toContainEqual({ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'pos-token', key: 'token' } } });
    expect(container.volumeMounts).toContainEqual({ name: 'menu', mountPath: '/etc/menu', readOnly: true });
    expect(container.readinessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 1 });
  });
});

describe('bad golden-path input fails at construction, naming the workload and the value', () => {
  const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
  const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
  let n = 0;
  const service = (extra: Record<string, unknown>) => () => new Workload(fleet, `w${n++}`,
    { image: 'ghcr.io/acme/app:1.0.0', placement: [eks], resources: RESOURCES, ...extra } as WorkloadProps);
  const job = (extra: Record<string, unknown>) => () => new BatchJob(fleet, `j${n++}`,
    { image: 'ghcr.io/acme/app:1.0.0', placement: [eks], resources: RESOURCES, ...extra } as BatchJobProps);
  const vol = (v: Record<string, unknown>) => ({ volumes: [{ name: 'data', source: VolumeSource.emptyDir(), mountPath: '/data', ...v }] });

  test.each<[string, () => unknown, RegExp]>([
    ['a Secret name with capitals', service({ envValueFrom: { DB: EnvValueSource.secretKey('DB-Creds', 'password') } }),
      /workload 'fleet\/w\d+': envValueFrom 'DB': Secret name 'DB-Creds' is not a Kubernetes object name: it must consist of lowercase letters/],
    ['a key with a slash', service({ envValueFrom: { DB: EnvValueSource.configMapKey('db', 'a/b') } }), /envValueFrom 'DB': key 'a\/b' is not a ConfigMap key: it must consist of letters, digits/],
    ['a bad variable name', service({ envValueFrom: { '1DB': EnvValueSource.secretKey('db', 'pw') } }), /envValueFrom name '1DB' is not an environment variable name/],
    ['a plain object instead of a source', service({ envValueFrom: { DB: { secretName: 'db', key: 'pw' } } }), /envValueFrom 'DB' is .*; use EnvValueSource.secretKey\(secret, key\)/],
    ['a variable in env and envValueFrom', service({ env: { DB: 'x' }, envValueFrom: { DB: EnvValueSource.secretKey('db', 'pw') } }), /'DB' is set in both env and envValueFrom; keep one/],
    ['an envFrom listed twice', service({ envFrom: [EnvFromSource.secret('s'), EnvFromSource.secret('s')] }), /envFrom\[1\]: Secret 's' is listed twice/],
    ['an envFrom prefix that starts with a digit', service({ envFrom: [EnvFromSource.configMap('c', { prefix: '9_' })] }), /envFrom\[0\].prefix '9_' cannot start an environment variable name/],
    ['a relative mount path', service(vol({ mountPath: 'data' })), /volumes\[0\].mountPath 'data' must be an absolute path without ':', '..' or spaces/],
    ['a mount on /tmp', service(vol({ mountPath: '/tmp/' })), /volumes\[0\].mountPath '\/tmp\/' is already the pod's scratch volume \(tmp\); mount it elsewhere/],
    ['a mount on the root', service(vol({ mountPath: '/' })), /volumes\[0\].mountPath '\/' is the root filesystem/],
    ['a mount path with ..', service(vol({ mountPath: '/data/../etc' })), /volumes\[0\].mountPath '\/data\/..\/etc' must be an absolute path/],
    ['two volumes on one path', service({
      volumes: [
        { name: 'a', source: VolumeSource.secret('a'), mountPath: '/etc/x' }, { name: 'b', source: VolumeSource.secret('b'), mountPath: '/etc/x/' },
      ],
    }),
    /volumes\[1\].mountPath '\/etc\/x\/' is mounted twice/],
    ['two volumes with one name', service({
      volumes: [
        { name: 'a', source: VolumeSource.secret('a'), mountPath: '/a' }, { name: 'a', source: VolumeSource.secret('b'), mountPath: '/b' },
      ],
    }),
    /volumes\[1\].name 'a' is used twice/],
    ['the reserved volume name tmp', service(vol({ name: 'tmp' })), /volumes\[0\].name 'tmp' is used by the fleet's pod template; choose another name/],
    ['a volume name with dots', service(vol({ name: 'my.data' })), /volumes\[0\].name 'my.data' is not a DNS-1123 label/],
    ['a claim name with an underscore', service({ volumes: [{ name: 'd', source: VolumeSource.persistentVolumeClaim('my_claim'), mountPath: '/d' }] }),
      /volumes\[0\].source: persistentVolumeClaim name 'my_claim' is not a Kubernetes object name/],
    ['a bad emptyDir size', service({ volumes: [{ name: 'd', source: VolumeSource.emptyDir({ sizeLimit: 'lots' }), mountPath: '/d' }] }), /volumes\[0\].source sizeLimit 'lots' is not a size/],
    ['a plain object as volume source', service(vol({ source: { secret: { secretName: 'x' } } })), /volumes\[0\].source is .*; use VolumeSource.secret\(name\)/],
    ['an absolute subPath', service(vol({ subPath: '/x' })), /volumes\[0\].subPath '\/x' must be a relative path inside the volume/],
    ['a command that is not a list', service({ command: '/bin/app' }), /command '\/bin\/app' must be a list of strings/],
    ['args with a number', service({ args: ['--port', 8080] }), /args .* must be a list of strings/],
    ['a zero probe period', service({ livenessProbe: Probe.http({ periodSeconds: 0 }) }), /livenessProbe.periodSeconds 0 must be a whole number from 1 to 86400/],
    ['a fractional failure threshold', service({ readinessProbe: Probe.tcp({ failureThreshold: 1.5 }) }), /readinessProbe.failureThreshold 1.5 must be a whole number from 1 to 86400/],
    ['a relative probe path', service({ startupProbe: Probe.http({ path: 'ready' }) }), /startupProbe path 'ready' must be an absolute HTTP path/],
    ['a probe as plain object', service({ livenessProbe: { httpGet: { path: '/' } } }), /livenessProbe is .*; use Probe.http\(\{ path \}\) or Probe.tcp\(\)/],
    ['a probe on a batch job', job({ livenessProbe: Probe.tcp() }), /batchJob 'fleet\/j\d+': livenessProbe applies to services, not to batch jobs/],
    ['a bad volume on a batch job', job(vol({ mountPath: '/tmp' })), /workload 'fleet\/j\d+': volumes\[0\].mountPath '\/tmp' is already the pod's scratch volume/],
  ])('%s', (_what, make, message) => {
    expect(make).toThrow(message);
  });

  test('a volume on a path an InferenceService uses itself fails at synth, naming the workload', () => {
    // The model cache is the kind's own mount at /models.
    const f = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    const c = new EksCluster(f, 'prod', { region: 'us-east-1' });
    c.addGpuNodePool('gpu', { accelerator: Accelerator.NVIDIA_L4 });
    new InferenceService(f, 'llm', {
      image: 'ghcr.io/acme/llm:1.0.0',
      placement: [c],
      resources: RESOURCES,
      gpu: { accelerator: Accelerator.NVIDIA_L4 },
      volumes: [{ name: 'weights', source: VolumeSource.persistentVolumeClaim('weights'), mountPath: '/models' }],
    });
    expect(() => f.synth()).toThrow(/workload 'fleet\/llm': mount path '\/models' is used twice in the pod \(the kind uses it itself\); choose another in volumes/);
  });
});
