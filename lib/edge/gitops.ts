import { show } from '../core/errors';
import { dns1123LabelProblem } from '../core/names';

/** Options of Flux delivery. */
export interface FluxOptions {
  /** URL of the Git repository the output is published to. */
  readonly repoUrl: string;
  /**
   * Directory of the output inside the repository.
   * @default - the repository root
   */
  readonly path?: string;
  /**
   * Branch prefix of the rollout waves: wave `canary` follows branch `<prefix>canary`.
   * Promoting a wave is moving its branch.
   * @default 'rollout/'
   */
  readonly branchPrefix?: string;
  /**
   * Reconciliation interval.
   * @default '10m'
   */
  readonly interval?: string;
}

/** Options of Argo CD delivery. */
export interface ArgoCdOptions {
  /** URL of the Git repository the output is published to. */
  readonly repoUrl: string;
  /**
   * Directory of the output inside the repository.
   * @default - the repository root
   */
  readonly path?: string;
  /**
   * Git revision to track.
   * @default 'main'
   */
  readonly revision?: string;
  /**
   * Argo CD project.
   * @default 'default'
   */
  readonly project?: string;
}

/** Options of Rancher Fleet delivery. */
export interface RancherFleetOptions {
  /** URL of the Git repository the output is published to. */
  readonly repoUrl: string;
  /**
   * Directory of the output inside the repository.
   * @default - the repository root
   */
  readonly path?: string;
  /**
   * Branch prefix of the rollout waves: the GitRepo of wave `canary` follows branch
   * `<prefix>canary`. Promoting a wave is moving its branch.
   * @default 'rollout/'
   */
  readonly branchPrefix?: string;
  /**
   * Namespace of the GitRepo (Rancher Fleet workspace).
   * @default 'fleet-default'
   */
  readonly namespace?: string;
}

/** Supported pull-based delivery engines. */
export enum GitOpsEngine {
  /** Flux: one Kustomization per site. */
  FLUX = 'flux',
  /** Argo CD: an ApplicationSet with a cluster generator. */
  ARGO_CD = 'argocd',
  /** Rancher Fleet: a GitRepo and fleet.yaml with target customizations. */
  RANCHER_FLEET = 'rancher-fleet',
}

/**
 * How sites receive their bundles: an existing pull-based engine reads them from Git.
 * cdk-fleet writes the engine's objects to `gitops/<engine>/`; it never pushes anything.
 */
export class GitOps {
  /** Flux: a `Kustomization` per site pointing at `edge/<site>`, with `postBuild` substitutions; one GitRepository per rollout wave. */
  public static flux(options: FluxOptions): GitOps {
    return new GitOps(GitOpsEngine.FLUX, options.repoUrl, options.path ?? '', options);
  }

  /** Argo CD: an `ApplicationSet` with a cluster generator on site labels and a RollingSync strategy over the waves. */
  public static argoCd(options: ArgoCdOptions): GitOps {
    return new GitOps(GitOpsEngine.ARGO_CD, options.repoUrl, options.path ?? '', options);
  }

  /** Rancher Fleet: one `GitRepo` per rollout wave (its branch, its sites' paths) and a `fleet.yaml` in each bundle targeting that site. */
  public static rancherFleet(options: RancherFleetOptions): GitOps {
    return new GitOps(GitOpsEngine.RANCHER_FLEET, options.repoUrl, options.path ?? '', options);
  }

  /** The engine. */
  public readonly engine: GitOpsEngine;
  /** Repository URL. */
  public readonly repoUrl: string;
  /** Directory of the output inside the repository ('' for the root). */
  public readonly path: string;
  /** Engine-specific options as given. */
  public readonly options: { [key: string]: any };

  private constructor(engine: GitOpsEngine, repoUrl: string, path: string, options: object) {
    this.engine = engine;
    this.repoUrl = repoUrl;
    this.path = path.replace(/^\.?\/+|\/+$/g, '');
    this.options = { ...options };
  }
}

/** `interval` of Flux objects: a Go duration such as '1m', '30s' or '1h30m'. */
const GO_DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;
/** A Git URL every engine fetches: http(s)://host/path or ssh://[user@]host[:port]/path. */
const URL_FORM = /^(https?|ssh):\/\/([^@\s/]+@)?[A-Za-z0-9.-]+(:\d{1,5})?\/\S+$/;
/** scp-like SSH address ('git@github.com:acme/fleet.git'), which Argo CD and Rancher Fleet take but Flux does not. */
const SCP_FORM = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s/][^\s]*$/;
/** A Git branch name fragment: no spaces, '..', '~^:?*[\' or control characters. */
const BRANCH = /^(?!.*\.\.)[^\s~^:?*[\\\x00-\x1f]+$/;

/**
 * Returns why a delivery's settings would not be accepted by its engine, worded as
 * `<option> <value> is not ...; use ...`, or undefined when they are fine.
 */
export function gitOpsProblem(gitops: GitOps): string | undefined {
  if (!Object.values<string>(GitOpsEngine).includes(gitops.engine)) {
    return `engine ${show(gitops.engine)} is not a GitOpsEngine; use GitOps.flux(), GitOps.argoCd() or GitOps.rancherFleet()`;
  }
  const o = gitops.options;
  const scpAllowed = gitops.engine !== GitOpsEngine.FLUX;
  if (typeof gitops.repoUrl !== 'string' || !(URL_FORM.test(gitops.repoUrl) || (scpAllowed && SCP_FORM.test(gitops.repoUrl)))) {
    return `repoUrl ${show(gitops.repoUrl)} is not a Git URL; use 'https://host/org/repo.git' or 'ssh://git@host/org/repo.git'` +
      (scpAllowed ? " (or 'git@host:org/repo.git')" : ' (Flux does not take the scp-like git@host:path form)');
  }
  if (/(^|\/)\.\.(\/|$)|\s/.test(gitops.path)) return `path ${show(o.path)} must be a directory inside the repository, without '..' or spaces`;
  if (o.interval !== undefined && !GO_DURATION.test(o.interval)) return `interval ${show(o.interval)} is not a duration; use e.g. '1m', '30s' or '1h30m'`;
  if (o.branchPrefix !== undefined && !BRANCH.test(o.branchPrefix)) return `branchPrefix ${show(o.branchPrefix)} is not usable in a Git branch name (no spaces, '..', '~^:?*[\\'); use e.g. 'rollout/'`;
  if (o.revision !== undefined && !BRANCH.test(o.revision)) return `revision ${show(o.revision)} is not a Git revision; use a branch, tag or commit (e.g. 'main')`;
  for (const what of ['project', 'namespace'] as const) {
    const problem = o[what] === undefined ? undefined : dns1123LabelProblem(o[what]);
    if (problem) return `${what} ${show(o[what])} is not a DNS-1123 label: ${problem}`;
  }
  return undefined;
}
