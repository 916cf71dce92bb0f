import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { azurerm } from './aks-resources';

/** Internal props of the secrets encryption key. */
export interface AksSecretsKeyProps {
  readonly clusterName: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Use this Key Vault key instead of creating a vault and a key. */
  readonly existingKeyId?: string;
}

/**
 * What AKS KMS etcd encryption needs: a user-assigned identity for the control
 * plane, a Key Vault (RBAC, purge protection) with an RSA key rotated yearly, and the
 * role assignments that let the identity use the key and the deployer create it.
 */
export class AksSecretsKey extends Construct {
  /** Control-plane identity (user-assigned) that can use the key. */
  public readonly identityId: string;
  /** Principal (object) id of the control-plane identity, for role assignments. */
  public readonly identityPrincipalId: string;
  /** Key Vault key id for `key_management_service`. */
  public readonly keyId: string;
  /** What the cluster must wait for before it can use the key. */
  public readonly grants: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AksSecretsKeyProps) {
    super(scope, id);
    const identity = new azurerm.UserAssignedIdentity(this, 'control-plane-identity', {
      name: `${props.clusterName}-control-plane`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
    });
    this.identityId = identity.id;
    this.identityPrincipalId = identity.principalId;
    if (props.existingKeyId) {
      this.keyId = props.existingKeyId;
      this.grants = [];
      return;
    }
    const client = new azurerm.DataAzurermClientConfig(this, 'client');
    const vault = new azurerm.KeyVault(this, 'vault', {
      name: `kv-${props.clusterName.replace(/[^A-Za-z0-9-]/g, '').slice(0, 18)}`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tenantId: client.tenantId,
      skuName: 'premium',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
    });
    const deployer = new azurerm.RoleAssignment(this, 'deployer-crypto-officer', {
      scope: vault.id, roleDefinitionName: 'Key Vault Crypto Officer', principalId: client.objectId,
    });
    const key = new azurerm.KeyVaultKey(this, 'key', {
      name: `${props.clusterName}-secrets`,
      keyVaultId: vault.id,
      keyType: 'RSA',
      keySize: 2048,
      keyOpts: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
      rotationPolicy: { automatic: { timeBeforeExpiry: 'P30D' }, expireAfter: 'P365D', notifyBeforeExpiry: 'P29D' },
      dependsOn: [deployer],
    });
    const user = new azurerm.RoleAssignment(this, 'control-plane-crypto-user', {
      scope: vault.id, roleDefinitionName: 'Key Vault Crypto User', principalId: identity.principalId,
    });
    this.keyId = key.id;
    this.grants = [user];
  }
}
