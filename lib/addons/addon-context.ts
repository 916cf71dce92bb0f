import { ITerraformDependable, TerraformStack } from 'cdktf';
import { helm } from './helm-resources';
import { HelmReleaseOptions, IAddon, IAddonContext } from '../clusters/addon';
import { ClusterStack } from '../clusters/cluster-stack';
import { helmReleaseProblems } from '../clusters/helm-release-check';
import { FleetValidationError, show } from '../core/errors';
import { sortKeys } from '../core/stable-json';

/** Helm waits this long for a release's resources to become ready (seconds). */
const RELEASE_TIMEOUT = 900;

/** One release as manifest.json lists it. */
export interface InstalledRelease {
  readonly addon: string;
  readonly release: string;
  readonly chart: string;
  readonly version: string;
  readonly repository: string;
}

/**
 * The IAddonContext of one cluster's add-ons stack: adds checked `helm_release`
 * resources (namespace created by Helm, atomic, values as sorted JSON), makes every
 * release wait for the pod network add-ons, and records what each add-on installed.
 */
export class AddonContext implements IAddonContext {
  public readonly stack: TerraformStack;
  public readonly cluster: ClusterStack;
  /** The releases added so far, in order. */
  public readonly releases: InstalledRelease[] = [];
  private readonly network: ITerraformDependable[] = [];
  private readonly owners = new Map<string, string>();
  private current?: IAddon;

  constructor(stack: TerraformStack, cluster: ClusterStack) {
    this.stack = stack;
    this.cluster = cluster;
  }

  /** Installs `addon` through this context. */
  public install(addon: IAddon): void {
    this.current = addon;
    try {
      addon.install(this);
    } finally {
      this.current = undefined;
    }
  }

  public addHelmRelease(options: HelmReleaseOptions): ITerraformDependable {
    const addon = this.current;
    const who = `add-on '${addon?.addonName ?? '(none)'}' on cluster '${this.cluster.node.path}'`;
    if (!addon) throw new FleetValidationError(`${who}: addHelmRelease may only be called from an add-on's install()`, this.cluster.node.path);
    const problems = helmReleaseProblems(options);
    if (problems.length > 0) throw new FleetValidationError(`${who}: ${problems.join('; ')}`, this.cluster.node.path);
    const owner = this.owners.get(options.release);
    if (owner !== undefined) {
      throw new FleetValidationError(`${who}: release name ${show(options.release)} is already used by add-on '${owner}' on this cluster; ` +
        'Helm release names must be unique per cluster (set another releaseName)', this.cluster.node.path);
    }
    this.owners.set(options.release, addon.addonName);
    const dependsOn = [...(addon.podNetwork ? [] : this.network), ...(options.dependsOn ?? [])];
    const release = new helm.Release(this.stack, options.release, {
      name: options.release,
      chart: options.chart,
      repository: options.repository,
      version: options.version,
      namespace: options.namespace,
      createNamespace: true,
      atomic: true,
      cleanupOnFail: true,
      timeout: RELEASE_TIMEOUT,
      values: [sortedJson(options.values ?? {})],
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    });
    if (addon.podNetwork) this.network.push(release);
    const { release: name, chart, version, repository } = options;
    this.releases.push({ addon: addon.addonName, release: name, chart, version, repository });
    return release;
  }
}

/** JSON (valid YAML) with sorted keys, so values never change with construction order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), undefined, 2);
}
