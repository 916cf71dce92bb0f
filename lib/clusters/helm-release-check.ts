import { show } from '../core/errors';

/** The fields of a Helm release the rules below look at. */
export interface HelmReleaseFields {
  readonly release: string;
  readonly chart: string;
  readonly repository: string;
  readonly version: string;
  readonly namespace: string;
  readonly allowSystemNamespace?: boolean;
}

// Helm limits release names to 53 characters (a DNS-1123 label minus room for suffixes):
// https://helm.sh/docs/chart_template_guide/getting_started/ ("Helm release names are limited to 53 characters")
const RELEASE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RELEASE_MAX = 53;
// Chart names: lowercase letters and digits, words separated by '-' (https://helm.sh/docs/chart_best_practices/conventions/);
// '_' and '.' are accepted because published charts use them.
const CHART = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;
// An exact SemVer 2.0.0 version (https://semver.org), with the optional leading 'v' some charts carry (gpu-operator v25.10.1).
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const REPOSITORY = /^(https|oci):\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%/-]*)?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Every rule `r` breaks, each naming the field, the bad value and what is accepted
 * (empty when the release is fine).
 */
export function helmReleaseProblems(r: HelmReleaseFields): string[] {
  const problems: string[] = [];
  if (typeof r.release !== 'string' || !RELEASE.test(r.release) || r.release.length > RELEASE_MAX) {
    problems.push(`release name ${show(r.release)} is not a Helm release name; use a DNS-1123 label of at most ${RELEASE_MAX} characters (lowercase letters, digits and '-')`);
  }
  if (typeof r.chart !== 'string' || !CHART.test(r.chart)) {
    problems.push(`chart ${show(r.chart)} is not a chart name; use the chart's name in its repository (lowercase letters, digits, '-', '_' and '.'), e.g. 'ingress-nginx'`);
  }
  if (typeof r.version !== 'string' || !SEMVER.test(r.version)) {
    problems.push(`version ${show(r.version)} is not an exact chart version; pin one semantic version such as '1.2.3' or 'v1.2.3' (no ranges, wildcards or 'latest')`);
  }
  if (typeof r.repository !== 'string' || !REPOSITORY.test(r.repository)) {
    problems.push(`repository ${show(r.repository)} is not a Helm repository URL; use an 'https://' chart index or an 'oci://' registry, e.g. 'https://charts.example.com' or 'oci://registry.example.com/charts'`);
  }
  if (typeof r.namespace !== 'string' || !NAMESPACE.test(r.namespace) || r.namespace.length > 63) {
    problems.push(`namespace ${show(r.namespace)} is not a Kubernetes namespace name; use a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)`);
  } else if (r.namespace === 'default') {
    problems.push("namespace 'default' is not for add-ons; give the add-on a namespace of its own");
  } else if (r.namespace.startsWith('kube-') && !r.allowSystemNamespace) {
    problems.push(`namespace ${show(r.namespace)} is a system namespace; give the add-on a namespace of its own, or set allowSystemNamespace: true for a node-level system component (a CNI, a CSI driver)`);
  }
  return problems;
}
