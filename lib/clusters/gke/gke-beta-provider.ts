import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/**
 * The `google-beta` provider, for the one setting the GA provider of `@cdktf/provider-google` 16
 * (google 6.50) lacks: a node pool's `sandbox_config` (GKE Sandbox). Only resources that need it
 * use this provider; the pinned version matches the GA provider's.
 */
export class GoogleBetaProvider extends TerraformProvider {
  private readonly project: string;
  private readonly region: string;

  constructor(scope: Construct, id: string, project: string, region: string) {
    super(scope, id, {
      terraformResourceType: 'google-beta',
      terraformGeneratorMetadata: { providerName: 'google-beta', providerVersion: '6.50.0', providerVersionConstraint: '~> 6.0' },
      terraformProviderSource: 'hashicorp/google-beta',
    });
    this.project = project;
    this.region = region;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return { project: this.project, region: this.region };
  }
}
