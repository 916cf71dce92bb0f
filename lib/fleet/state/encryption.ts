import { FleetValidationError, show } from '../../core/errors';

/** Which engine the synthesized stacks target. */
export enum Engine {
  /** Output both Terraform and OpenTofu accept; no OpenTofu-only settings. */
  TERRAFORM = 'terraform',
  /** Adds OpenTofu-only settings (state encryption) in `main.tofu.json`. */
  OPENTOFU = 'opentofu',
}

/** Options of passphrase-based state encryption. */
export interface Pbkdf2EncryptionOptions {
  /**
   * Name of the Terraform variable that carries the passphrase (at least 16
   * characters), e.g. supplied as `TF_VAR_<name>` in CI. The passphrase itself
   * never appears in the output.
   * @default 'state_encryption_passphrase'
   */
  readonly passphraseVariable?: string;
}

/** Options of AWS KMS state encryption. */
export interface AwsKmsEncryptionOptions {
  /** KMS key id, ARN or alias. */
  readonly kmsKeyId: string;
  /** Region of the key. */
  readonly region: string;
}

/** Options of Google Cloud KMS state encryption. */
export interface GcpKmsEncryptionOptions {
  /** Full resource name of the Cloud KMS crypto key. */
  readonly kmsEncryptionKey: string;
}

/**
 * OpenTofu client-side state and plan encryption (`terraform.encryption`),
 * written to each stack's `main.tofu.json` only: Terraform rejects the block.
 */
export abstract class StateEncryption {
  /** Encrypt with a key derived from a passphrase held in a Terraform variable. */
  public static pbkdf2(options: Pbkdf2EncryptionOptions = {}): StateEncryption {
    const variable = options.passphraseVariable ?? 'state_encryption_passphrase';
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(variable)) {
      throw new FleetValidationError(`StateEncryption.pbkdf2: passphraseVariable '${variable}' is not a valid Terraform variable name (letters, digits, '_' and '-', not starting with a digit)`);
    }
    return new KeyProviderEncryption('pbkdf2', { passphrase: `\${var.${variable}}` }, {
      [variable]: { type: 'string', sensitive: true, description: 'Passphrase of the OpenTofu state encryption (at least 16 characters)' },
    });
  }

  /** Encrypt with a data key from AWS KMS. */
  public static awsKms(options: AwsKmsEncryptionOptions): StateEncryption {
    if (!options.kmsKeyId || !options.region) {
      throw new FleetValidationError(`StateEncryption.awsKms: kmsKeyId and region are required (got kmsKeyId=${show(options.kmsKeyId)}, region=${show(options.region)})`);
    }
    return new KeyProviderEncryption('aws_kms', { kms_key_id: options.kmsKeyId, region: options.region, key_spec: 'AES_256' }, {});
  }

  /** Encrypt with a data key from Google Cloud KMS. */
  public static gcpKms(options: GcpKmsEncryptionOptions): StateEncryption {
    if (!options.kmsEncryptionKey) {
      throw new FleetValidationError('StateEncryption.gcpKms: kmsEncryptionKey is required (projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>)');
    }
    return new KeyProviderEncryption('gcp_kms', { kms_encryption_key: options.kmsEncryptionKey, key_length: 32 }, {});
  }

  /** The `terraform.encryption` block (JSON syntax). */
  public abstract renderEncryptionBlock(): { [key: string]: any };

  /** Variables the encryption block refers to, keyed by name. */
  public abstract renderVariables(): { [key: string]: any };
}

class KeyProviderEncryption extends StateEncryption {
  constructor(
    private readonly provider: string,
    private readonly settings: { [key: string]: any },
    private readonly variables: { [key: string]: any },
  ) {
    super();
  }

  public renderEncryptionBlock(): { [key: string]: any } {
    const method = '${method.aes_gcm.fleet}';
    return {
      key_provider: { [this.provider]: { fleet: this.settings } },
      method: { aes_gcm: { fleet: { keys: `\${key_provider.${this.provider}.fleet}` } } },
      state: { method, enforced: true },
      plan: { method, enforced: true },
      // Add-on stacks read their cluster stack's (encrypted) state.
      remote_state_data_sources: { default: { method } },
    };
  }

  public renderVariables(): { [key: string]: any } {
    return this.variables;
  }
}
