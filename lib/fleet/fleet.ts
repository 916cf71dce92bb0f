import * as os from 'os';
import type { Chart } from 'cdk8s';
import { App } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { checkAdditionalRegions, checkFleetEnum, checkOutdirParent, claimOutdir, clusterNameCollisions } from './fleet-checks';
import { Backend } from './state/backend';
import { Engine, StateEncryption } from './state/encryption';
import { StagedOutput } from './synth/output-writer';
import { synthesizeTree, withWarnings } from './synth/synthesize';
import { ICluster } from '../clusters/cluster';
import { ClusterStack } from '../clusters/cluster-stack';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError, show } from '../core/errors';
import { FLEET_DEFAULT_NAMESPACE, setDefaultNamespace, workloadNamespaceProblem } from '../core/namespaces';
import { ADDITIONAL_REGIONS_CONTEXT } from '../core/regions';
import { addTags, tagProblem } from '../core/tags';
import { setTelemetry } from '../core/telemetry';
import { TelemetryOptions } from '../core/telemetry-options';
import { checkPolicyOptions } from '../policy/policy-checks';
import { PolicyOptions } from '../policy/policy-options';
import { policySummaryLine } from '../policy/report-json';
import { Team } from '../teams/team';
import { TeamProps } from '../teams/team-options';
import { KubernetesManifest, KubernetesManifestOptions, KubernetesManifestProps } from '../workloads/manifest/kubernetes-manifest';

/** Environment variable through which `cdk-fleet synth --out` sets the output directory. */
export const OUTDIR_ENV = 'CDK_FLEET_OUTDIR';

/** Properties of a fleet. */
export interface FleetProps {
  /**
   * Name of the fleet: the root of every construct path (`fleet/prod-us/gpu`).
   * @default 'fleet'
   */
  readonly name?: string;
  /**
   * Output directory of `synth()`.
   * @default - $CDK_FLEET_OUTDIR, else 'cdk.out'
   */
  readonly outdir?: string;
  /**
   * Tags for every taggable cloud resource (and labels for every Kubernetes object),
   * e.g. `{ team: 'ml-platform', 'cost-center': 'cc-1234', environment: 'prod' }`.
   * Keys and values use the rules every cloud accepts (lowercase letters, digits,
   * '-' and '_'). A resource's own tags win over these.
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
  /**
   * Where each stack keeps its Terraform state.
   * @default Backend.local()
   */
  readonly backend?: Backend;
  /**
   * Engine the output targets. `Engine.OPENTOFU` adds `main.tofu.json` with state
   * encryption (passphrase-based unless `encryption` says otherwise).
   * @default Engine.TERRAFORM
   */
  readonly engine?: Engine;
  /**
   * OpenTofu state and plan encryption. Setting it implies `Engine.OPENTOFU`.
   * @default - none (StateEncryption.pbkdf2() with Engine.OPENTOFU)
   */
  readonly encryption?: StateEncryption;
  /**
   * OpenTelemetry collector every workload exports to (`OTEL_EXPORTER_OTLP_ENDPOINT`,
   * `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES` are set on every container).
   * @default - no OpenTelemetry settings
   */
  readonly telemetry?: TelemetryOptions;
  /**
   * Namespace of workloads that name none and belong to no team. Never `default` or a
   * `kube-*` namespace: every namespace the fleet writes enforces Pod Security.
   * @default 'apps'
   */
  readonly defaultNamespace?: string;
  /**
   * Policy run over the synthesized output: packs, fleet-wide mode, unsuppressible
   * rules. Reports go to `policy/report.json` and `policy/report.sarif`.
   * @default - PolicyPacks.defaults() in PolicyMode.ENFORCE
   */
  readonly policy?: PolicyOptions;
  /**
   * Regions newer than the region catalog (`REGION_CATALOG_VERSION`) that clusters may
   * use, as `<cloud>:<region>` (e.g. `'aws:ap-east-3'`). Clusters in them are accepted
   * with a warning and their zones are checked only by form; any other region missing
   * from the catalog is an error.
   * @default - only catalogued regions
   */
  readonly additionalRegions?: string[];
}

/** What one synthesis produced. */
export interface SynthResult {
  /** The output directory, as given (relative paths stay relative). */
  readonly outdir: string;
  /** Number of Terraform stacks. */
  readonly stacks: number;
  /** Number of managed Terraform resources over all stacks. */
  readonly resources: number;
  /** Number of files written (manifest.json included). */
  readonly files: number;
  /** Warnings raised while building the fleet (`path: message`); each id is in manifest.json's `warnings`. */
  readonly warnings: string[];
  /**
   * Warnings acknowledged with `Warnings.acknowledge` (`path: message [id] (acknowledged: reason)`);
   * not printed, listed in manifest.json's `acknowledgedWarnings`.
   */
  readonly acknowledgedWarnings: string[];
  /**
   * One-line policy summary, e.g. `policy: 0 errors, 3 warnings, 0 info (2 suppressed)`.
   * @default - none when the policy mode is off
   */
  readonly policy?: string;
}

/**
 * The root of a fleet definition: clusters, node pools and (later) workloads and
 * edge sites are constructs under it. `synth()` writes one deterministic output
 * tree: `terraform/<stack>/main.tf.json` per cluster plus `manifest.json`.
 */
export class Fleet extends Construct {
  /** The fleet a construct belongs to. */
  public static of(construct: IConstruct): Fleet {
    const found = construct.node.scopes.find(s => s instanceof Fleet);
    if (!found) {
      throw new FleetValidationError(`'${construct.node.path}' is not inside a Fleet; create it with a Fleet (or a cluster of one) as its scope`, construct.node.path, ErrorCode.REFERENCE);
    }
    return found as Fleet;
  }

  /** Output directory of `synth()`. */
  public readonly outdir: string;
  /** Fleet-wide tags. */
  public readonly tags: { [key: string]: string };
  /** State backend of every stack. */
  public readonly backend: Backend;
  /** Engine the output targets. */
  public readonly engine: Engine;
  /**
   * OpenTofu state encryption.
   * @default - none
   */
  public readonly encryption?: StateEncryption;
  /**
   * Policy settings.
   * @default - PolicyPacks.defaults() in PolicyMode.ENFORCE
   */
  public readonly policy?: PolicyOptions;
  /** Namespace of workloads that name none and belong to no team. */
  public readonly defaultNamespace: string;

  constructor(props: FleetProps = {}) {
    // A cdktf App as hidden root lets cross-stack references resolve. Its outdir is
    // never written to (we render stacks ourselves); tmpdir exists, so it creates nothing.
    super(new App({ outdir: os.tmpdir(), stackTraces: false, skipValidation: true }), props.name ?? 'fleet');
    const name = props.name ?? 'fleet';
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
      throw new FleetValidationError(`fleet '${name}': name must be a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)`, '', ErrorCode.PROPS);
    }
    this.node.setContext(ADDITIONAL_REGIONS_CONTEXT, checkAdditionalRegions(this, props.additionalRegions));
    checkFleetEnum(this, 'engine', props.engine, Engine, 'Engine');
    checkPolicyOptions('fleet', this, props.policy);
    this.node.addValidation({ validate: () => clusterNameCollisions(this.clusters) });
    this.outdir = props.outdir ?? process.env[OUTDIR_ENV] ?? 'cdk.out';
    this.tags = { ...(props.tags ?? {}) };
    for (const [key, value] of Object.entries(this.tags)) {
      const problem = tagProblem(key, value);
      if (problem) throw new FleetValidationError(`fleet '${name}': tag ${problem}`, '', ErrorCode.PROPS);
    }
    addTags(this, this.tags);
    if (props.telemetry && !/^https?:\/\/[^\s/]+/.test(props.telemetry.otlpEndpoint ?? '')) {
      throw new FleetValidationError(`fleet '${name}': telemetry.otlpEndpoint ${show(props.telemetry.otlpEndpoint)} is not an http(s) URL (e.g. 'http://otel-collector.observability:4317')`, '', ErrorCode.PROPS);
    }
    if (props.telemetry?.exportEndpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(props.telemetry.exportEndpoint)) {
      throw new FleetValidationError(`fleet '${name}': telemetry.exportEndpoint ${show(props.telemetry.exportEndpoint)} is not an http(s) URL (e.g. 'https://otlp.example.com:4317')`, '', ErrorCode.PROPS);
    }
    setTelemetry(this, props.telemetry);
    this.defaultNamespace = props.defaultNamespace ?? FLEET_DEFAULT_NAMESPACE;
    const nsProblem = workloadNamespaceProblem(this.defaultNamespace);
    if (nsProblem) throw new FleetValidationError(`fleet '${name}': defaultNamespace ${show(this.defaultNamespace)} cannot hold workloads: ${nsProblem}`, '', ErrorCode.PROPS);
    setDefaultNamespace(this, this.defaultNamespace);
    this.backend = props.backend ?? Backend.local();
    this.encryption = props.encryption ?? (props.engine === Engine.OPENTOFU ? StateEncryption.pbkdf2() : undefined);
    this.engine = this.encryption ? Engine.OPENTOFU : props.engine ?? Engine.TERRAFORM;
    this.policy = props.policy;
  }

  /** Every team of the fleet, in construction order. */
  public get teams(): Team[] {
    return this.node.findAll().filter((c): c is Team => c instanceof Team);
  }

  /** Adds a team (the same as `new Team(fleet, name, props)`). */
  public addTeam(name: string, props: TeamProps = {}): Team {
    return new Team(this, name, props);
  }

  /** Adds Kubernetes content placed on clusters (the same as `new KubernetesManifest(fleet, id, props)`). */
  public addManifest(id: string, props: KubernetesManifestProps): KubernetesManifest {
    return new KubernetesManifest(this, id, props);
  }

  /**
   * Places a cdk8s Chart built in your own cdk8s App (cdk8s-plus-30 constructs included)
   * on clusters: `new KubernetesManifest(fleet, id, { ...options, chart })`.
   */
  public addChart(id: string, chart: Chart, options: KubernetesManifestOptions): KubernetesManifest {
    return new KubernetesManifest(this, id, { ...options, chart });
  }

  /** Every cluster of the fleet, in construction order. */
  public get clusters(): ICluster[] {
    return this.node.findAll().filter((c): c is ClusterStack => c instanceof ClusterStack);
  }

  /**
   * Synthesizes the fleet into `outdir`, atomically: on any error the previous
   * output stays untouched and the error says what was wrong.
   */
  public synth(): SynthResult {
    claimOutdir(this, this.outdir);
    checkOutdirParent(this, this.outdir);
    const staged = new StagedOutput(this.outdir);
    let tree: ReturnType<typeof synthesizeTree>;
    try {
      const input = { root: this, backend: this.backend, engine: this.engine, encryption: this.encryption, policy: this.policy };
      tree = synthesizeTree(input, (file, content) => staged.write(file, content));
      const carried = staged.planCarry({
        stacks: new Set(tree.stacks),
        backendType: this.backend.type,
        stateDirectory: this.backend.stateDirectory,
        generated: new Set(tree.files.keys()),
      });
      tree = withWarnings(tree, [...staged.notices, ...carried].map(n => ({ level: 'warning' as const, path: n.path, message: n.message, id: n.id })));
    } catch (e) {
      staged.abort();
      throw e;
    }
    const late = staged.commit(tree.files);
    for (const w of [...tree.warnings, ...late]) process.stderr.write(`warning: ${w.path}: ${w.message}${w.id ? ` [${w.id}]` : ''}\n`);
    const policy = tree.policy ? policySummaryLine(tree.policy) : undefined;
    const stacks = Object.values<any>(tree.manifest.stacks);
    return {
      outdir: this.outdir,
      stacks: stacks.length,
      resources: stacks.reduce((sum, s) => sum + s.resources, 0),
      files: staged.fileCount,
      warnings: [...tree.warnings, ...late].map(w => `${w.path}: ${w.message}`),
      acknowledgedWarnings: tree.acknowledged.map(a => `${a.path}: ${a.message} [${a.id}] (acknowledged: ${a.reason})`),
      ...(policy ? { policy } : {}),
    };
  }
}
