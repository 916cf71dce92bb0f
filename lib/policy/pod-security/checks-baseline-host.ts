/**
 * Baseline checks about access to the host: privileged containers, host
 * namespaces, host ports, hostPath volumes, Windows HostProcess, probe and
 * lifecycle hosts, and added capabilities.
 */
import {
  asArray,
  asObject,
  asString,
  CheckViolation,
  containerSecurityContext,
  JsonObject,
  PodSecurityCheck,
  show,
} from './context';
import { PodSecurityLevel, podSecurityVersion } from './levels';

/** Capabilities baseline allows in `capabilities.add` (the container runtime defaults). */
export const BASELINE_ALLOWED_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
const BASELINE_CAPABILITY_SET = new Set(BASELINE_ALLOWED_CAPABILITIES);

/** `privileged`: containers must not set `securityContext.privileged: true`. */
export const PRIVILEGED_CHECK: PodSecurityCheck = {
  id: 'privileged',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'Privileged containers disable most security mechanisms and are forbidden.',
  evaluate: ctx => ctx.containers.flatMap(ref => containerSecurityContext(ref)?.privileged === true
    ? [{
      jsonPath: `${ref.path}.securityContext.privileged`,
      message: `container "${ref.name}" sets securityContext.privileged=true; allowed: false or unset`,
    }]
    : []),
};

/** `hostNamespaces`: the pod must not share the host network, PID or IPC namespace. */
export const HOST_NAMESPACES_CHECK: PodSecurityCheck = {
  id: 'hostNamespaces',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'Sharing the host network, PID or IPC namespace is forbidden.',
  evaluate: ctx => ['hostNetwork', 'hostPID', 'hostIPC'].flatMap(field => ctx.spec[field] === true
    ? [{ jsonPath: `${ctx.specPath}.${field}`, message: `pod sets ${field}=true; allowed: false or unset` }]
    : []),
};

/** `hostPorts`: container ports must not bind a host port. */
export const HOST_PORTS_CHECK: PodSecurityCheck = {
  id: 'hostPorts',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'Host ports are forbidden.',
  evaluate: ctx => ctx.containers.flatMap(ref => asArray(ref.container.ports).flatMap((port, index) => {
    const hostPort = asObject(port)?.hostPort;
    if (hostPort === undefined || hostPort === null || Number(hostPort) === 0) return [];
    return [{
      jsonPath: `${ref.path}.ports[${index}].hostPort`,
      message: `container "${ref.name}" sets hostPort=${show(hostPort)}; allowed: 0 or unset`,
    }];
  })),
};

/** `hostPathVolumes`: hostPath volumes are forbidden. */
export const HOST_PATH_VOLUMES_CHECK: PodSecurityCheck = {
  id: 'hostPathVolumes',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'hostPath volumes are forbidden.',
  evaluate: ctx => asArray(ctx.spec.volumes).flatMap((value, index) => {
    const volume = asObject(value);
    if (volume?.hostPath === undefined || volume.hostPath === null) return [];
    const path = asString(asObject(volume.hostPath)?.path);
    return [{
      jsonPath: `${ctx.specPath}.volumes[${index}].hostPath`,
      message: `volume ${show(volume.name)} is a hostPath volume${path === undefined ? '' : ` (${show(path)})`}; allowed: no hostPath volumes`,
    }];
  }),
};

/** `windowsHostProcess`: Windows HostProcess containers are forbidden. */
export const WINDOWS_HOST_PROCESS_CHECK: PodSecurityCheck = {
  id: 'windowsHostProcess',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'Windows HostProcess containers (privileged access to the Windows host) are forbidden.',
  evaluate: ctx => {
    const found: CheckViolation[] = [];
    const allowed = 'allowed: false or unset';
    if (asObject(ctx.podSecurityContext?.windowsOptions)?.hostProcess === true) {
      found.push({
        jsonPath: `${ctx.specPath}.securityContext.windowsOptions.hostProcess`,
        message: `pod sets securityContext.windowsOptions.hostProcess=true; ${allowed}`,
      });
    }
    for (const ref of ctx.containers) {
      if (asObject(containerSecurityContext(ref)?.windowsOptions)?.hostProcess === true) {
        found.push({
          jsonPath: `${ref.path}.securityContext.windowsOptions.hostProcess`,
          message: `container "${ref.name}" sets securityContext.windowsOptions.hostProcess=true; ${allowed}`,
        });
      }
    }
    return found;
  },
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'];
const HOST_ACTIONS = ['httpGet', 'tcpSocket'];

/** Violations for `host` set in the httpGet/tcpSocket actions of one probe or lifecycle handler. */
function handlerHosts(handler: JsonObject | undefined, path: string, label: string, name: string): CheckViolation[] {
  if (!handler) return [];
  return HOST_ACTIONS.flatMap(action => {
    const host = asObject(handler[action])?.host;
    if (host === undefined || host === null || host === '') return [];
    return [{
      jsonPath: `${path}.${action}.host`,
      message: `container "${name}" sets ${label}.${action}.host=${show(host)}; allowed: "" or unset`,
    }];
  });
}

/** `hostProbesAndHostLifecycle` (v1.34+): probes and lifecycle hooks must not target another host. */
export const HOST_PROBES_AND_HOST_LIFECYCLE_CHECK: PodSecurityCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 34),
  description: 'The host field of probes and lifecycle hooks (httpGet, tcpSocket) must be unset.',
  evaluate: ctx => ctx.containers.flatMap(ref => {
    const lifecycle = asObject(ref.container.lifecycle);
    return [
      ...PROBES.flatMap(probe => handlerHosts(asObject(ref.container[probe]), `${ref.path}.${probe}`, probe, ref.name)),
      ...LIFECYCLE_HANDLERS.flatMap(hook =>
        handlerHosts(asObject(lifecycle?.[hook]), `${ref.path}.lifecycle.${hook}`, `lifecycle.${hook}`, ref.name)),
    ];
  }),
};

/** `capabilities_baseline`: only the runtime's default capabilities may be added. */
export const CAPABILITIES_BASELINE_CHECK: PodSecurityCheck = {
  id: 'capabilities_baseline',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'Adding capabilities beyond the container runtime defaults is forbidden.',
  evaluate: ctx => ctx.containers.flatMap(ref => {
    const add = asArray(asObject(containerSecurityContext(ref)?.capabilities)?.add);
    return add.flatMap((capability, index) => typeof capability === 'string' && BASELINE_CAPABILITY_SET.has(capability)
      ? []
      : [{
        jsonPath: `${ref.path}.securityContext.capabilities.add[${index}]`,
        message: `container "${ref.name}" adds capability ${show(capability)}; allowed: ${BASELINE_ALLOWED_CAPABILITIES.join(', ')}`,
      }]);
  }),
};
