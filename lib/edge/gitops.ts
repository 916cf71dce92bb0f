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
