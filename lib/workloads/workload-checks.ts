import { IConstruct } from 'constructs';
import type { WorkloadContainerProps } from './container-options';
import { checkEnvFrom, checkEnvValueFrom } from './env-sources';
import { checkProbes } from './probes';
import { checkVolumes } from './volumes';
import type { EgressRule, ServiceContainerProps, WorkloadResources } from './workload';
import { cidrProblem } from '../core/cidr';
import { invalid, show } from '../core/errors';
import { envNameProblem } from '../core/grammar/env-name';
import { parseImageRef } from '../core/grammar/image-ref';
import { dns1123LabelProblem } from '../core/names';
import { parseCpu, parseMemory } from '../core/quantity';

const KIND = 'workload';

/** Rejects images that are not image references, or not pinned by a tag other than `latest` or by a digest. */
export function checkImage(scope: IConstruct, image: string, kind: string = KIND, prop: string = 'image'): void {
  if (typeof image !== 'string' || image.trim() === '') invalid(kind, scope, `${prop} ${show(image)} is required (e.g. 'ghcr.io/acme/web:1.4.2')`);
  const parsed = parseImageRef(image);
  if (typeof parsed === 'string') {
    invalid(kind, scope, `${prop} ${show(image)} is not an image reference: ${parsed}; use [registry/]repository:tag or @sha256:<digest> (e.g. 'ghcr.io/acme/web:1.4.2')`);
  }
  const digest = parsed.digest !== undefined;
  const tag = parsed.tag;
  if (!digest && (tag === undefined || tag === 'latest')) {
    invalid(kind, scope, `image ${show(image)} is not pinned; give a version tag other than 'latest' (e.g. ':1.4.2') or a digest ('@sha256:...')`);
  }
}

/** Checks requests are quantities and limits are at least the requests. */
export function checkResources(scope: IConstruct, r: WorkloadResources | undefined, kind: string = KIND): void {
  if (!r) invalid(kind, scope, 'resources are required (e.g. { cpu: \'250m\', memory: \'256Mi\' })');
  const cpu = parseCpu(r.cpu ?? '');
  const memory = parseMemory(r.memory ?? '');
  if (cpu === undefined || cpu <= 0) invalid(kind, scope, `cpu ${show(r.cpu)} is not a CPU quantity; use e.g. '250m' or '1'`);
  if (memory === undefined || memory <= 0) invalid(kind, scope, `memory ${show(r.memory)} is not a memory quantity; use e.g. '256Mi' or '1Gi' (binary suffixes are case-sensitive)`);
  if (r.cpuLimit !== undefined) {
    const limit = parseCpu(r.cpuLimit);
    if (limit === undefined) invalid(kind, scope, `cpuLimit ${show(r.cpuLimit)} is not a CPU quantity; use e.g. '500m' or '2'`);
    if (limit < cpu) invalid(kind, scope, `cpuLimit ${show(r.cpuLimit)} is below the request ${show(r.cpu)}; limits must be at least the requests`);
  }
  if (r.memoryLimit !== undefined) {
    const limit = parseMemory(r.memoryLimit);
    if (limit === undefined) invalid(kind, scope, `memoryLimit ${show(r.memoryLimit)} is not a memory quantity; use e.g. '512Mi' or '1Gi'`);
    if (limit < memory) invalid(kind, scope, `memoryLimit ${show(r.memoryLimit)} is below the request ${show(r.memory)}; limits must be at least the requests`);
  }
}

/** Rejects a port outside 1-65535. */
export function checkPort(scope: IConstruct, port: number, kind: string = KIND): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) invalid(kind, scope, `port ${show(port)} is out of range; use 1-65535`);
}

/** Checks the declared egress destinations and the names of the workloads allowed in. */
export function checkTraffic(scope: IConstruct, allowTo: EgressRule[] | undefined, allowFrom: string[] | undefined, kind: string = KIND): void {
  for (const rule of allowTo ?? []) {
    const problem = cidrProblem(rule.cidr);
    if (problem) invalid(kind, scope, `allowTo CIDR ${show(rule.cidr)} is not valid: ${problem}`);
    if (!Number.isInteger(rule.port) || rule.port < 1 || rule.port > 65535) invalid(kind, scope, `allowTo port ${show(rule.port)} is out of range; use 1-65535`);
    if (rule.protocol !== undefined && !['TCP', 'UDP'].includes(rule.protocol)) invalid(kind, scope, `allowTo protocol ${show(rule.protocol)} must be 'TCP' or 'UDP'`);
  }
  for (const name of allowFrom ?? []) {
    const problem = dns1123LabelProblem(name);
    if (problem) invalid(kind, scope, `allowFrom ${show(name)} is not a workload name: ${problem}`);
  }
}

/** Checks environment variable names (Kubernetes env[].name) and that values are strings. */
export function checkEnv(scope: IConstruct, prop: string, env: Record<string, string> | undefined, kind: string = KIND): void {
  if (env === undefined) return;
  if (env === null || typeof env !== 'object' || Array.isArray(env)) invalid(kind, scope, `${prop} ${show(env)} must be a map of name → value`);
  for (const [name, value] of Object.entries(env)) {
    const problem = envNameProblem(name);
    if (problem) invalid(kind, scope, `${prop} name ${show(name)} is not an environment variable name: ${problem}; use e.g. 'LOG_LEVEL'`);
    if (typeof value !== 'string') invalid(kind, scope, `${prop} '${name}' has value ${show(value)}; values must be strings (quote numbers and booleans)`);
  }
}

/** Checks an HTTP probe path: starts with '/', no whitespace. */
export function checkHealthPath(scope: IConstruct, path: string | undefined, kind: string = KIND): void {
  if (path === undefined) return;
  if (typeof path !== 'string' || !path.startsWith('/') || /\s/.test(path)) {
    invalid(kind, scope, `healthPath ${show(path)} must be an absolute HTTP path starting with '/' without spaces (e.g. '/healthz')`);
  }
}

/** Checks a command or argument list: strings only. */
export function checkStrings(scope: IConstruct, prop: string, list: string[] | undefined, kind: string = KIND): void {
  if (list === undefined) return;
  if (!Array.isArray(list) || list.some(item => typeof item !== 'string')) invalid(kind, scope, `${prop} ${show(list)} must be a list of strings`);
}

/**
 * Checks what every workload's container declares: name, namespace, image, resources,
 * environment (values, Secret and ConfigMap references), volumes, command, args and egress.
 */
export function checkContainer(scope: IConstruct, name: string, props: WorkloadContainerProps, kind: string = KIND): void {
  const nameProblem = dns1123LabelProblem(name);
  if (nameProblem) invalid(kind, scope, `name '${name}' is not a DNS-1123 label: ${nameProblem}`);
  const namespace = props.namespace ?? 'default';
  const nsProblem = dns1123LabelProblem(namespace);
  if (nsProblem) invalid(kind, scope, `namespace '${namespace}' is not a DNS-1123 label: ${nsProblem}`);
  checkImage(scope, props.image, kind);
  checkResources(scope, props.resources, kind);
  checkEnv(scope, 'env', props.env, kind);
  checkEnvValueFrom(scope, kind, props.envValueFrom, props.env);
  checkEnvFrom(scope, kind, props.envFrom);
  checkVolumes(scope, kind, props.volumes);
  checkStrings(scope, 'command', props.command, kind);
  checkStrings(scope, 'args', props.args, kind);
  checkTraffic(scope, props.allowTo, undefined, kind);
}

/** Checks what a serving container adds: port, health path, probes and the workloads allowed in. */
export function checkServing(scope: IConstruct, props: ServiceContainerProps, kind: string = KIND): void {
  checkPort(scope, props.port ?? 8080, kind);
  checkHealthPath(scope, props.healthPath, kind);
  checkProbes(scope, kind, { livenessProbe: props.livenessProbe, readinessProbe: props.readinessProbe, startupProbe: props.startupProbe });
  checkTraffic(scope, undefined, props.allowFrom, kind);
}

/** Checks what every serving workload declares: the container and what serving adds. */
export function checkServiceContainer(scope: IConstruct, name: string, props: ServiceContainerProps, kind: string = KIND): void {
  checkContainer(scope, name, props, kind);
  checkServing(scope, props, kind);
}
