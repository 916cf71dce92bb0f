import { Construct } from 'constructs';
import { google } from './gke-resources';
import { Cloud } from '../../core/cloud';
import { invalid, show } from '../../core/errors';
import { gkeNameProblem } from '../../core/names';
import { KubeconfigExec } from '../cluster-stack';
import { ImportedClusterStack } from '../imported-cluster';
import { ImportedGkeClusterAttributes } from './imported-gke-attributes';
import { execKubeconfig } from '../kubeconfig';
import { checkRegion, checkZones } from '../region-check';

const KIND = 'importedGkeCluster';
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * A GKE cluster the fleet did not build: its stack reads it with the
 * `google_container_cluster` data source (endpoint, CA) and creates nothing; the
 * add-ons stack's Helm provider authenticates with `gke-gcloud-auth-plugin`.
 */
export class ImportedGkeCluster extends ImportedClusterStack {
  public readonly cloud = Cloud.GCP;
  /** Project of the cluster. */
  public readonly project: string;
  /** Location of the cluster (its zone, else its region). */
  public readonly location: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubeconfig: string;

  constructor(scope: Construct, id: string, attrs: ImportedGkeClusterAttributes) {
    super(scope, id, attrs, KIND, Cloud.GCP);
    const problem = gkeNameProblem(this.clusterName);
    if (problem) invalid(KIND, this, `clusterName ${show(this.clusterName)} is not a valid GKE cluster name: ${problem}`);
    if (typeof attrs.project !== 'string' || !PROJECT_ID.test(attrs.project)) {
      invalid(KIND, this, `project ${show(attrs.project)} is not a Google Cloud project id (6-30 characters: lowercase letters, digits and '-', starting with a letter)`);
    }
    checkRegion(KIND, this, Cloud.GCP, 'region', attrs.region);
    if (attrs.zone !== undefined) checkZones(KIND, this, Cloud.GCP, attrs.region, 'zone', [attrs.zone], /^[a-z]+-[a-z]+\d+-[a-z]$/);
    this.project = attrs.project;
    this.location = attrs.zone ?? attrs.region;
    new google.GoogleProvider(this, 'google', { project: attrs.project, region: attrs.region });
    const cluster = new google.DataGoogleContainerCluster(this, 'cluster', { name: this.clusterName, location: this.location, project: attrs.project, lifecycle: this._versionCheck('master_version') });
    this.endpoint = `https://${cluster.endpoint}`;
    this.certificateAuthorityData = cluster.masterAuth.get(0).clusterCaCertificate;
    this.oidcIssuerUrl = `https://container.googleapis.com/v1/projects/${attrs.project}/locations/${this.location}/clusters/${this.clusterName}`;
    const exec = this._kubeconfigExec();
    this.kubeconfig = execKubeconfig(this.clusterName, this.endpoint, this.certificateAuthorityData, exec.command, exec.args);
  }

  /** @internal */
  public _kubeconfigExec(): KubeconfigExec {
    return { command: 'gke-gcloud-auth-plugin', args: [] };
  }
}
