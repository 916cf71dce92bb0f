import * as path from 'path';
import { TerraformBackend, TerraformRemoteState, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { FleetValidationError, show } from '../../core/errors';

/** Options of the local backend. */
export interface LocalBackendOptions {
  /**
   * Directory for state files, relative to the synth output directory. Each stack
   * keeps its state in `<directory>/<stack>.tfstate`. Synthesis carries this
   * directory over from the previous output, so re-synthesizing never loses state;
   * when the directory changes, the next synth moves the state files into the new one
   * (run `terraform init -reconfigure` in each stack directory afterwards).
   * @default 'state'
   */
  readonly directory?: string;
}

/** Options of the S3 backend. */
export interface S3BackendOptions {
  /** Bucket that holds the state. */
  readonly bucket: string;
  /** Region of the bucket. */
  readonly region: string;
  /**
   * Prefix of each stack's state key: the key is `<keyPrefix>/<stack>.tfstate`.
   * @default 'cdk-fleet'
   */
  readonly keyPrefix?: string;
  /**
   * KMS key (ARN or alias) for server-side encryption of the state object.
   * @default - the bucket's default encryption (SSE-S3)
   */
  readonly kmsKeyId?: string;
  /**
   * Lock state with an S3 lock file (`use_lockfile`, Terraform ≥ 1.10 / OpenTofu ≥ 1.10).
   * @default true
   */
  readonly useLockfile?: boolean;
}

/** Options of the GCS backend. */
export interface GcsBackendOptions {
  /** Bucket that holds the state. */
  readonly bucket: string;
  /**
   * Prefix of each stack's state: `<prefix>/<stack>/default.tfstate`.
   * @default 'cdk-fleet'
   */
  readonly prefix?: string;
}

/** Options of the azurerm backend. */
export interface AzurermBackendOptions {
  /** Resource group of the storage account. */
  readonly resourceGroupName: string;
  /** Storage account that holds the state. */
  readonly storageAccountName: string;
  /** Blob container that holds the state. */
  readonly containerName: string;
  /**
   * Prefix of each stack's blob name: `<keyPrefix>/<stack>.tfstate`.
   * @default 'cdk-fleet'
   */
  readonly keyPrefix?: string;
  /**
   * Authenticate to the storage account with Entra ID instead of access keys.
   * @default true
   */
  readonly useAzureadAuth?: boolean;
}

/**
 * Where each Terraform stack of the fleet keeps its state. One backend serves
 * every stack; each stack gets its own key/path derived from its name.
 */
export abstract class Backend {
  /** State files inside the output directory (the default). */
  public static local(options: LocalBackendOptions = {}): Backend {
    const directory = options.directory ?? 'state';
    const normalized = path.posix.normalize(directory.replace(/\\/g, '/'));
    if (path.isAbsolute(directory) || /^[A-Za-z]:/.test(directory) || normalized === '..' || normalized.startsWith('../')) {
      throw new FleetValidationError(
        `Backend.local: directory '${directory}' escapes the output directory; give a relative path inside it, such as 'state'`);
    }
    if (normalized === '.' || normalized.split('/')[0] === 'terraform') {
      throw new FleetValidationError(
        `Backend.local: directory '${directory}' would mix state with synthesized files; use a directory of its own, such as 'state'`);
    }
    return new StackBackend('local', stack => ({ path: `../../${normalized}/${stack}.tfstate` }), normalized);
  }

  /** State in an S3 bucket, encrypted, with S3 native locking. */
  public static s3(options: S3BackendOptions): Backend {
    requireNonEmpty('Backend.s3', { bucket: options.bucket, region: options.region });
    const prefix = options.keyPrefix ?? 'cdk-fleet';
    return new StackBackend('s3', stack => ({
      bucket: options.bucket,
      key: `${prefix}/${stack}.tfstate`,
      region: options.region,
      encrypt: true,
      ...(options.kmsKeyId ? { kms_key_id: options.kmsKeyId } : {}),
      ...(options.useLockfile ?? true ? { use_lockfile: true } : {}),
    }));
  }

  /** State in a Google Cloud Storage bucket. */
  public static gcs(options: GcsBackendOptions): Backend {
    requireNonEmpty('Backend.gcs', { bucket: options.bucket });
    const prefix = options.prefix ?? 'cdk-fleet';
    return new StackBackend('gcs', stack => ({ bucket: options.bucket, prefix: `${prefix}/${stack}` }));
  }

  /** State in an Azure Storage blob container. */
  public static azurerm(options: AzurermBackendOptions): Backend {
    requireNonEmpty('Backend.azurerm', {
      resourceGroupName: options.resourceGroupName,
      storageAccountName: options.storageAccountName,
      containerName: options.containerName,
    });
    const prefix = options.keyPrefix ?? 'cdk-fleet';
    return new StackBackend('azurerm', stack => ({
      resource_group_name: options.resourceGroupName,
      storage_account_name: options.storageAccountName,
      container_name: options.containerName,
      key: `${prefix}/${stack}.tfstate`,
      ...(options.useAzureadAuth ?? true ? { use_azuread_auth: true } : {}),
    }));
  }

  /** Terraform's name of the backend type (`local`, `s3`, `gcs`, `azurerm`). */
  public abstract readonly type: string;

  /**
   * Directory inside the output that holds state and must survive re-synthesis.
   * @default - none (state lives outside the output)
   */
  public abstract readonly stateDirectory?: string;

  /** The backend block attributes for one stack. */
  public abstract attributesFor(stackName: string): { [key: string]: any };

  /**
   * Adds this backend to a stack.
   * @internal
   */
  public abstract _bind(stack: TerraformStack): void;
}

class StackBackend extends Backend {
  constructor(
    public readonly type: string,
    private readonly attributes: (stack: string) => { [key: string]: any },
    public readonly stateDirectory?: string,
  ) {
    super();
  }

  public attributesFor(stackName: string): { [key: string]: any } {
    return this.attributes(stackName);
  }

  public _bind(stack: TerraformStack): void {
    new FleetBackendElement(stack, this);
  }
}

/** The backend element cdktf renders into `terraform.backend.<type>`. */
class FleetBackendElement extends TerraformBackend {
  constructor(scope: Construct, private readonly backend: Backend) {
    super(scope, 'backend', backend.type);
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return this.backend.attributesFor(TerraformStack.of(this).node.id);
  }

  /** Reads this (origin) stack's state; cdktf passes the stack's construct path, the state is keyed by its name. */
  public getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new FleetRemoteState(scope, name, this.backend.type, this.backend.attributesFor(TerraformStack.of(this).node.id));
  }
}

class FleetRemoteState extends TerraformRemoteState {
  constructor(scope: Construct, id: string, type: string, config: { [key: string]: any }) {
    super(scope, id, type, config);
  }
}

function requireNonEmpty(what: string, values: { [key: string]: string | undefined }): void {
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new FleetValidationError(`${what}: '${key}' is required and must be a non-empty string (got ${show(value)})`);
    }
  }
}
