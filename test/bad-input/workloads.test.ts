import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { BadInput, IMAGE, RESOURCES, thrownBy, withCluster } from './table';
import {
  Accelerator, AgentService, AgentServiceProps, BatchJob, BatchJobProps, EksCluster, InferenceService, InferenceServiceProps, WasmWorkload,
  WasmWorkloadProps, Workload, WorkloadProps,
} from '../../lib';
import { synthFleet } from '../support/synth';

const base = (extra: object) => {
  const { fleet, cluster } = withCluster();
  return { fleet, props: { image: IMAGE, resources: RESOURCES, placement: [cluster], ...extra } as any };
};
const workload = (extra: Partial<WorkloadProps> = {}, id = 'web') => {
  const { fleet, props } = base(extra);
  return new Workload(fleet, id, props as WorkloadProps);
};
const job = (extra: Partial<BatchJobProps>) => {
  const { fleet, props } = base(extra);
  return new BatchJob(fleet, 'nightly', props as BatchJobProps);
};
const inference = (extra: Partial<InferenceServiceProps>) => {
  const { fleet, props } = base({ gpu: { accelerator: Accelerator.NVIDIA_L4 }, ...extra });
  return new InferenceService(fleet, 'llm', props as InferenceServiceProps);
};
const agent = (extra: Partial<AgentServiceProps>) => {
  const { fleet, props } = base(extra);
  return new AgentService(fleet, 'agent', props as AgentServiceProps);
};
const wasm = (extra: Partial<WasmWorkloadProps>) => {
  const { fleet, props } = base(extra);
  return new WasmWorkload(fleet, 'edge-fn', props as WasmWorkloadProps);
};
const sqs = { type: 'aws-sqs-queue', metadata: { queueURL: 'https://sqs.us-east-1.amazonaws.com/111122223333/q', queueLength: '5' } };

const IMAGES: BadInput[] = [
  ["an image with an empty tag ('web:')", () => workload({ image: 'web:' }), /workload 'fleet\/web': image 'web:' is not an image reference: its tag is empty.*use \[registry\/\]repository:tag/],
  ["an image with a flag pasted in ('web:1.0 --privileged')", () => workload({ image: 'web:1.0 --privileged' }),
    /workload 'fleet\/web': image 'web:1\.0 --privileged' is not an image reference: it contains whitespace \(flags such as --privileged/],
  ['an uppercase repository', () => workload({ image: 'Web:1.0' }), /image 'Web:1\.0' is not an image reference: its repository component 'Web' must be lowercase/],
  ['an uppercase organisation on a registry', () => workload({ image: 'ghcr.io/Acme/web:1.0' }), /image 'ghcr\.io\/Acme\/web:1\.0' is not an image reference: its repository component 'Acme' must be lowercase/],
  ['an uppercase first component taken for a host', () => workload({ image: 'ACME/web:1.0' }), /its repository component 'ACME' must be lowercase/],
  ['a double slash', () => workload({ image: 'ghcr.io/acme//web:1.0' }), /image 'ghcr\.io\/acme\/\/web:1\.0' is not an image reference: its repository has an empty path component/],
  ['a tag starting with a dot', () => workload({ image: 'web:.1' }), /its tag '\.1' is not 1-128 letters, digits/],
  ['a digest that is not sha256', () => workload({ image: 'web@sha256:abc' }), /image 'web@sha256:abc' is not an image reference: its digest 'sha256:abc' is not 'sha256:' followed by 64 lowercase hex digits/],
  ['a registry with a bad port', () => workload({ image: 'registry.local:port/web:1.0' }), /its registry 'registry\.local:port' is not a host name with an optional port/],
  ['an untagged image', () => workload({ image: 'ghcr.io/acme/web' }), /image 'ghcr\.io\/acme\/web' is not pinned; give a version tag other than 'latest'/],
  ["the 'latest' tag", () => workload({ image: 'ghcr.io/acme/web:latest' }), /image 'ghcr\.io\/acme\/web:latest' is not pinned/],
  ['an empty image', () => workload({ image: '' }), /workload 'fleet\/web': image '' is required \(e\.g\. 'ghcr\.io\/acme\/web:1\.4\.2'\)/],
  ['a 300-character image is cut in the message', () => workload({ image: `ghcr.io/acme/${'w'.repeat(300)}:1` }),
    /image 'ghcr\.io\/acme\/w{47}…\(315 characters\)' is not an image reference: its name is 313 characters long \(at most 255\)/],
];

const CONTAINER: BadInput[] = [
  ["an env name with '=' ('BAD=NAME')", () => workload({ env: { 'BAD=NAME': 'x' } }),
    /workload 'fleet\/web': env name 'BAD=NAME' is not an environment variable name: it contains '='.*use e\.g\. 'LOG_LEVEL'/],
  ['an empty env name', () => workload({ env: { '': 'x' } }), /workload 'fleet\/web': env name '' is not an environment variable name: it is empty/],
  ['an env name starting with a digit', () => workload({ env: { '1ST': 'x' } }), /env name '1ST' is not an environment variable name: it must be letters, digits, '_', '-' or '\.', and not start with a digit/],
  ['an env name with a space', () => workload({ env: { 'LOG LEVEL': 'x' } }), /env name 'LOG LEVEL' is not an environment variable name/],
  ['an env value that is a number', () => workload({ env: { PORT: 8080 as any } }), /env 'PORT' has value 8080; values must be strings/],
  ["a healthPath without '/'", () => workload({ healthPath: 'healthz' }), /workload 'fleet\/web': healthPath 'healthz' must be an absolute HTTP path starting with '\/'/],
  ['a healthPath with a space', () => workload({ healthPath: '/health z' }), /healthPath '\/health z' must be an absolute HTTP path starting with '\/' without spaces/],
  ['port 0', () => workload({ port: 0 }), /workload 'fleet\/web': port 0 is out of range; use 1-65535/],
  ['a NaN port', () => workload({ port: NaN }), /port NaN is out of range; use 1-65535/],
  ['port 70000', () => workload({ port: 70000 }), /port 70000 is out of range; use 1-65535/],
  ['zero replicas', () => workload({ replicas: 0 }), /workload 'fleet\/web': replicas 0 must be a whole number ≥ 1/],
  ['NaN replicas', () => workload({ replicas: NaN }), /replicas NaN must be a whole number ≥ 1/],
  ['a namespace with capitals', () => workload({ namespace: 'Prod' }), /namespace 'Prod' cannot hold workloads: it is not a DNS-1123 label: it must consist of lowercase letters/],
  ['a workload id that is not a name', () => workload({}, 'Web'), /workload 'fleet\/Web': name 'Web' is not a DNS-1123 label/],
  ['a CPU that is not a quantity', () => workload({ resources: { cpu: '250x', memory: '256Mi' } }), /cpu '250x' is not a CPU quantity; use e\.g\. '250m' or '1'/],
  ['a memory with a decimal suffix typo', () => workload({ resources: { cpu: '250m', memory: '1gb' } }), /memory '1gb' is not a memory quantity; use e\.g\. '256Mi'/],
  ['a CPU limit below the request', () => workload({ resources: { cpu: '1', memory: '1Gi', cpuLimit: '500m' } }), /cpuLimit '500m' is below the request '1'/],
  ['a memory limit that is not a quantity', () => workload({ resources: { cpu: '1', memory: '1Gi', memoryLimit: 'lots' } }), /memoryLimit 'lots' is not a memory quantity/],
  ['an egress CIDR with host bits', () => workload({ allowTo: [{ cidr: '10.0.0.1/8', port: 443 }] }), /allowTo CIDR '10\.0\.0\.1\/8' is not valid: host bits are set/],
  ['an egress port 0', () => workload({ allowTo: [{ cidr: '10.0.0.0/8', port: 0 }] }), /allowTo port 0 is out of range; use 1-65535/],
  ['an egress protocol outside TCP/UDP', () => workload({ allowTo: [{ cidr: '10.0.0.0/8', port: 443, protocol: 'ICMP' }] }), /allowTo protocol 'ICMP' must be 'TCP' or 'UDP'/],
  ['an ingress peer that is not a name', () => workload({ allowFrom: ['Front End'] }), /allowFrom 'Front End' is not a workload name/],
];

const PLACEMENT: BadInput[] = [
  ['an empty cluster selector', () => workload({ placement: undefined, clusterSelector: {} }), /workload 'fleet\/web': clusterSelector is empty; give at least one label/],
  ['a cluster selector value with a space', () => workload({ clusterSelector: { tier: 'a b' } }), /clusterSelector 'tier'='a b' is not a valid Kubernetes label/],
  ['no placement and no selector', () => workload({ placement: [] }), /placement is empty and there is no clusterSelector/],
  ['one cluster twice', () => {
    const { fleet, cluster } = withCluster();
    new Workload(fleet, 'web', { image: IMAGE, resources: RESOURCES, placement: [cluster, cluster] });
  }, /workload 'fleet\/web': placed twice on cluster 'fleet\/aws'; list each cluster once/],
  ['autoscaling from zero', () => workload({ autoscaling: { minReplicas: 0, maxReplicas: 3 } }), /autoscaling\.minReplicas 0 must be a whole number ≥ 1/],
  ['autoscaling max below min', () => workload({ autoscaling: { minReplicas: 3, maxReplicas: 2 } }), /autoscaling\.maxReplicas 2 must be a whole number ≥ minReplicas 3/],
  ['a CPU target above 100%', () => workload({ autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 150 } }), /autoscaling\.cpuUtilization 150 must be a percentage from 1 to 100/],
  ['a NaN CPU target', () => workload({ autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: NaN } }), /autoscaling\.cpuUtilization NaN must be a percentage from 1 to 100/],
  ["a route path without '/'", () => workload({ route: { gateway: 'main', pathPrefix: 'api' } }), /route\.pathPrefix 'api' must start with '\/'/],
  ['a route gateway that is not a name', () => workload({ route: { gateway: 'Main GW' } }), /route gateway 'Main GW' \/ namespace 'gateway' is not valid/],
  ['an auto-instrumentation language the operator lacks', () => workload({ autoInstrument: 'rust' }), /autoInstrument 'rust' is not an OpenTelemetry Operator language; use one of java, python, nodejs, dotnet, go/],
  ['a sidecar name with capitals', () => workload({ sidecars: [{ name: 'Proxy', image: 'envoyproxy/envoy:v1.31.0', resources: RESOURCES }] }),
    /sidecars\[0\]\.name 'Proxy' is not a DNS-1123 label/],
  ['a sidecar named like the workload', () => workload({ sidecars: [{ name: 'web', image: 'envoyproxy/envoy:v1.31.0', resources: RESOURCES }] }),
    /sidecars\[0\]\.name 'web' is used twice in the pod/],
  ["a sidecar image with an empty tag ('envoy:')", () => workload({ sidecars: [{ name: 'proxy', image: 'envoy:', resources: RESOURCES }] }),
    /workload 'fleet\/web': sidecars\[0\]\.image 'envoy:' is not an image reference: its tag is empty/],
  ["a sidecar env name with '='", () => workload({ sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', resources: RESOURCES, env: { 'A=B': '1' } }] }),
    /sidecars\[0\]\.env name 'A=B' is not an environment variable name: it contains '='/],
];

const JOBS: BadInput[] = [
  ["cron '99 99 99 99 99'", () => job({ schedule: '99 99 99 99 99' }),
    /batchJob 'fleet\/nightly': schedule '99 99 99 99 99' is not a cron schedule: minute field '99' is not 0-59.*use five fields \(e\.g\. '0 3 \* \* \*'\) or a descriptor such as '@daily'/],
  ['an hour of 24', () => job({ schedule: '0 24 * * *' }), /schedule '0 24 \* \* \*' is not a cron schedule: hour field '24' is not 0-23/],
  ['day of month 0', () => job({ schedule: '0 3 0 * *' }), /day of month field '0' is not 1-31/],
  ['a month name that is not a month', () => job({ schedule: '0 3 1 FOO *' }), /month field 'FOO' is not 1-12 or JAN-DEC/],
  ['a weekday of 8', () => job({ schedule: '0 3 * * 8' }), /day of week field '8' is not 0-7 or SUN-SAT/],
  ['four fields', () => job({ schedule: '0 3 * *' }), /schedule '0 3 \* \*' is not a cron schedule: it has 4 field\(s\), not five/],
  ['prose instead of a schedule', () => job({ schedule: 'every night' }), /schedule 'every night' is not a cron schedule: it has 2 field\(s\)/],
  ['a descriptor cron does not have', () => job({ schedule: '@nightly' }), /schedule '@nightly' is not a cron schedule: '@nightly' is not a descriptor; use @yearly, @annually, @monthly, @weekly, @daily/],
  ['a step of zero', () => job({ schedule: '*/0 * * * *' }), /minute field '\*\/0' has a bad step in '\*\/0'; use \/n with n ≥ 1/],
  ['a range that runs backwards', () => job({ schedule: '50-10 * * * *' }), /minute field '50-10' has a range '50-10' that runs backwards/],
  ['a time zone inside the schedule', () => job({ schedule: 'TZ=Europe/Berlin 0 3 * * *' }), /it sets a time zone; Kubernetes rejects TZ= in schedules \(set the CronJob's timeZone instead\)/],
  ['an empty schedule', () => job({ schedule: ' ' }), /schedule ' ' is not a cron schedule: it is empty/],
  ['a negative backoff limit', () => job({ backoffLimit: -1 }), /batchJob 'fleet\/nightly': backoffLimit -1 must be a whole number ≥ 0/],
  ['a NaN deadline', () => job({ activeDeadlineSeconds: NaN }), /activeDeadlineSeconds NaN must be a whole number ≥ 1/],
  ['zero parallelism', () => job({ parallelism: 0 }), /parallelism 0 must be a whole number ≥ 1/],
  // Service props are not in BatchJobProps; a JavaScript caller can still pass them.
  ['a route on a batch job', () => job({ route: { gateway: 'main' } } as Partial<BatchJobProps>), /batchJob 'fleet\/nightly': route applies to services, not to batch jobs .*; remove it/],
  ['replicas on a batch job', () => job({ replicas: 3 } as Partial<BatchJobProps>), /batchJob 'fleet\/nightly': replicas applies to services, not to batch jobs \(a job runs to completion: use parallelism and completions instead of replicas/],
  ['a port and a health path on a batch job', () => job({ port: 9090, healthPath: '/ready' } as Partial<BatchJobProps>), /batchJob 'fleet\/nightly': port, healthPath apply to services, not to batch jobs .*; remove them/],
];

const GPU_AND_AGENTS: BadInput[] = [
  ['a negative startup probe timeout', () => inference({ startupTimeoutSeconds: -5 }),
    /inferenceService 'fleet\/llm': startupTimeoutSeconds -5 must be a whole number from 10 to 86400 seconds/],
  ['a NaN startup probe timeout', () => inference({ startupTimeoutSeconds: NaN }), /startupTimeoutSeconds NaN must be a whole number from 10 to 86400 seconds/],
  ['an infinite startup probe timeout', () => inference({ startupTimeoutSeconds: Infinity }), /startupTimeoutSeconds Infinity must be a whole number from 10 to 86400 seconds/],
  ['zero GPUs per replica', () => inference({ gpu: { accelerator: Accelerator.NVIDIA_L4, count: 0 } }), /inferenceService 'fleet\/llm': gpu\.count 0 must be a whole number ≥ 1/],
  ['a MIG profile the GPU does not have', () => inference({ gpu: { accelerator: Accelerator.NVIDIA_A100_80GB, migProfile: '9g.99gb' } }),
    /gpu\.migProfile '9g\.99gb' is not a MIG profile of NVIDIA A100 80GB; valid: 1g\.10gb/],
  ['MIG and sharing together', () => inference({ gpu: { accelerator: Accelerator.NVIDIA_A100_80GB, migProfile: '1g.10gb', shared: true } }), /gpu\.migProfile and gpu\.shared exclude each other/],
  ['a zero model cache', () => inference({ modelCacheGib: 0 }), /modelCacheGib 0 must be a whole number ≥ 1/],
  ['no accelerator', () => inference({ gpu: {} as any }), /inferenceService 'fleet\/llm': gpu\.accelerator is required/],
  ['a KEDA scaler type with a typo', () => agent({ eventScaling: { maxReplicas: 5, triggers: [{ ...sqs, type: 'aws-sqs' }] } }),
    /agentService 'fleet\/agent': eventScaling\.triggers\[0\]\.type 'aws-sqs' is not a KEDA 2\.17 scaler type \(did you mean 'aws-sqs-queue'/],
  ['an unknown KEDA scaler type', () => agent({ eventScaling: { maxReplicas: 5, triggers: [{ ...sqs, type: 'my-queue-thing' }] } }),
    /eventScaling\.triggers\[0\]\.type 'my-queue-thing' is not a KEDA 2\.17 scaler type \(e\.g\. 'aws-sqs-queue'.*a custom scaler is 'external'\)/],
  ['no KEDA triggers', () => agent({ eventScaling: { maxReplicas: 5, triggers: [] } }), /eventScaling\.triggers is empty; give at least one KEDA trigger/],
  ['NaN max replicas', () => agent({ eventScaling: { maxReplicas: NaN, triggers: [sqs] } }), /eventScaling\.maxReplicas NaN must be a whole number ≥ max\(1, minReplicas 0\)/],
  ['negative min replicas', () => agent({ eventScaling: { minReplicas: -1, maxReplicas: 5, triggers: [sqs] } }), /eventScaling\.minReplicas -1 must be a whole number ≥ 0/],
  ['event scaling and autoscaling', () => agent({ eventScaling: { maxReplicas: 5, triggers: [sqs] }, autoscaling: { minReplicas: 1, maxReplicas: 3 } }),
    /eventScaling and autoscaling exclude each other; choose one/],
  ['half a GiB of state', () => agent({ stateGib: 0.5 }), /stateGib 0\.5 must be a whole number of GiB ≥ 1/],
  ['a sandbox runtime class with capitals', () => agent({ sandboxRuntimeClass: 'gVisor' }), /sandboxRuntimeClass 'gVisor' is not a DNS-1123 label/],
  ['a Wasm runtime class with a space', () => wasm({ runtimeClass: 'spin v2' }), /wasmWorkload 'fleet\/edge-fn': runtimeClass 'spin v2' is not a DNS-1123 label/],
  ['an empty Wasm shim', () => wasm({ shim: '' }), /wasmWorkload 'fleet\/edge-fn': shim '' is not a DNS-1123 label: it is empty/],
];

describe('bad workload input is rejected, naming the construct path, the value and what is accepted', () => {
  test.each(IMAGES)('images: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(CONTAINER)('containers: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(PLACEMENT)('placement and scaling: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(JOBS)('batch jobs: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(GPU_AND_AGENTS)('GPU, agent and Wasm workloads: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
});

describe('valid input the old checks rejected', () => {
  test.each([['@daily'], ['@every 1h30m'], ['*/15 9-17 * JAN-MAR MON-FRI'], ['0 3 ? * 0,7']])("schedule '%s' becomes the CronJob's schedule", schedule => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      eks.addNodePool('general');
      new BatchJob(fleet, 'nightly', { image: IMAGE, resources: RESOURCES, placement: [eks], schedule });
    });
    const files = out.manifest.artifacts.map((a: { path: string }) => a.path).filter((p: string) => p.startsWith('kubernetes/aws/'));
    const cronJobs = files.flatMap((file: string) => parseAllDocuments(fs.readFileSync(path.join(out.outdir, file), 'utf8')).map(d => d.toJS()))
      .filter((o: any) => o?.kind === 'CronJob');
    expect(cronJobs.map((o: any) => o.spec.schedule)).toEqual([schedule]);
  });
});
