import { IAddon, IAddonContext } from './addon';
import type { HelmChartOptions } from './helm-chart';
import { helmReleaseProblems } from './helm-release-check';
import { Capability } from '../core/capability';
import { FleetValidationError, show } from '../core/errors';
import { dns1123LabelProblem } from '../core/names';

/**
 * A checked Helm chart add-on (not exported: users get it as an IAddon). `where` names
 * it in errors (a construct path when added through a cluster).
 */
export class HelmChartAddon implements IAddon {
  public readonly addonName: string;
  public readonly provides: Capability[];
  public readonly requires: Capability[];
  private readonly options: HelmChartOptions;

  constructor(where: string, id: string, options: HelmChartOptions) {
    const problems: string[] = [];
    const idProblem = dns1123LabelProblem(id);
    if (idProblem) problems.push(`id ${show(id)} is not an add-on name: ${idProblem}`);
    problems.push(...helmReleaseProblems({ ...options, release: options.releaseName ?? id }));
    for (const [what, list] of [['provides', options.provides], ['requires', options.requires]] as const) {
      if (list !== undefined && !Array.isArray(list)) {
        problems.push(`${what} must be a list of Capability values, e.g. [Capability.GATEWAY_API]`);
        continue;
      }
      const unknown = (list ?? []).find(c => !Capability.all().includes(c));
      if (unknown !== undefined) problems.push(`${what} ${show((unknown as any)?.name ?? unknown)} is not a Capability; use e.g. Capability.GATEWAY_API`);
    }
    if (options.values !== undefined && (typeof options.values !== 'object' || options.values === null || Array.isArray(options.values))) {
      problems.push(`values ${show(options.values)} is not an object of chart values`);
    }
    if (problems.length > 0) throw new FleetValidationError(`${where}: ${problems.join('; ')}`, where.replace(/^[a-zA-Z]+ '(.*)'$/, '$1'));
    this.addonName = id;
    this.provides = [...(options.provides ?? [])];
    this.requires = [...(options.requires ?? [])];
    this.options = options;
  }

  public install(context: IAddonContext): void {
    const o = this.options;
    context.addHelmRelease({
      release: o.releaseName ?? this.addonName,
      chart: o.chart,
      repository: o.repository,
      version: o.version,
      namespace: o.namespace,
      values: o.values ?? {},
      allowSystemNamespace: o.allowSystemNamespace,
    });
  }
}
