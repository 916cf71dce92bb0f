import { stringify } from 'yaml';
import { LATEST_POD_SECURITY_VERSION, PodSecurityLevel } from '../../policy/pod-security/levels';
import { namespaceObject } from '../../teams/namespace-object';
import type { EdgeChart } from '../edge-fleet';

/** NVIDIA device plugin installed on every GPU site (k3s' Helm controller). */
export const DEVICE_PLUGIN_CHART: EdgeChart = {
  name: 'nvidia-device-plugin',
  props: {
    chart: 'nvidia-device-plugin',
    repo: 'https://nvidia.github.io/k8s-device-plugin',
    version: '0.17.1',
    targetNamespace: 'kube-system',
    values: { runtimeClassName: 'nvidia', nodeSelector: { 'cdk-fleet.io/gpu': 'true' } },
    images: ['nvcr.io/nvidia/k8s-device-plugin:v0.17.1'],
  },
};

/** A `HelmChart` object for k3s' Helm controller. */
export function helmChartObject(chart: EdgeChart, labels: Record<string, string>): Record<string, any> {
  const p = chart.props;
  return {
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChart',
    metadata: { name: chart.name, namespace: 'kube-system', labels },
    spec: {
      repo: p.repo,
      chart: p.chart,
      version: p.version,
      targetNamespace: p.targetNamespace ?? 'kube-system',
      createNamespace: true,
      ...(p.values && Object.keys(p.values).length > 0 ? { valuesContent: stringify(p.values, { lineWidth: 0, sortMapEntries: true }) } : {}),
    },
  };
}

/** The RuntimeClass GPU pods run with (k3s configures containerd's `nvidia` handler when the toolkit is present). */
export function nvidiaRuntimeClass(labels: Record<string, string>): Record<string, any> {
  return {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: 'nvidia', labels },
    handler: 'nvidia',
    scheduling: { nodeSelector: { 'cdk-fleet.io/gpu': 'true' } },
  };
}

/**
 * A namespace that enforces (and warns and audits) Pod Security `restricted`, pinned to
 * the k3s channel's minor (`v1.33`), or to the newest modelled policy version when the
 * channel is `stable` / `latest` / `testing`.
 */
export function restrictedNamespace(name: string, labels: Record<string, string>, k3sChannel: string | undefined): Record<string, any> {
  const version = /^v1\.\d{1,2}$/.test(k3sChannel ?? '') ? k3sChannel! : LATEST_POD_SECURITY_VERSION;
  return namespaceObject(name, labels, PodSecurityLevel.RESTRICTED, version);
}
