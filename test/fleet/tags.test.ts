import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformStack } from 'cdktf';
import { Accelerator, EksCluster } from '../../lib';
import { Synthesized, synthFleet } from '../support/synth';

const FLEET_TAGS = { 'team': 'ml-platform', 'cost-center': 'cc-1234', 'environment': 'prod' };

/** Resource types in the EKS stack whose AWS schema has a `tags` argument. */
const TAGGABLE = ['aws_cloudwatch_log_group', 'aws_eip', 'aws_eks_access_entry', 'aws_eks_addon', 'aws_eks_cluster',
  'aws_eks_node_group', 'aws_iam_openid_connect_provider', 'aws_iam_role', 'aws_internet_gateway', 'aws_kms_key',
  'aws_nat_gateway', 'aws_route_table', 'aws_subnet', 'aws_vpc'];

describe('fleet-wide tags', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const cluster = new EksCluster(fleet, 'prod-us', {
        region: 'us-east-1',
        tags: { environment: 'staging', owner: 'gpu-team' },
        admins: ['arn:aws:iam::111122223333:role/admin'],
      });
      cluster.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
      const extra = new TerraformStack(fleet, 'extras');
      new AwsProvider(extra, 'aws', { region: 'us-east-1' });
      new S3Bucket(extra, 'logs', { bucket: 'fleet-logs', tags: { team: 'storage' } });
    }, { tags: FLEET_TAGS });
  });

  test('reach every taggable resource of a cluster, with cluster tags winning over fleet tags', () => {
    const resources = out.stack('prod-us').resource;
    for (const type of TAGGABLE) {
      const bodies = Object.values<any>(resources[type] ?? {});
      expect({ type, count: bodies.length > 0 }).toEqual({ type, count: true });
      for (const body of bodies) {
        expect(body.tags).toMatchObject({ 'team': 'ml-platform', 'cost-center': 'cc-1234', 'environment': 'staging', 'owner': 'gpu-team' });
      }
    }
  });

  test('are not added to resources without a tags argument', () => {
    for (const type of ['aws_route', 'aws_route_table_association', 'aws_iam_role_policy_attachment', 'aws_kms_alias', 'aws_eks_access_policy_association']) {
      for (const body of Object.values<any>(out.stack('prod-us').resource[type])) expect(body.tags).toBeUndefined();
    }
  });

  test('reach resources users add to their own stacks, whose own tags win', () => {
    const bucket = Object.values<any>(out.stack('extras').resource.aws_s3_bucket)[0];
    expect(bucket.tags).toEqual({ 'team': 'storage', 'cost-center': 'cc-1234', 'environment': 'prod' });
  });
});
