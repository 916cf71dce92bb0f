// Baseline for `npm run bench`: the example's EKS stack written the way most cdktf
// code is written — imports from the provider package root and the stock App synth.
// It declares the same resources as examples/eks-gpu (VPC over 3 zones, NAT per zone,
// KMS, log group, IAM, cluster, access entry, OIDC, add-on, two node groups).
/* eslint-disable no-restricted-imports */
import * as aws from '@cdktf/provider-aws';
import { App, Fn, TerraformOutput, TerraformStack } from 'cdktf';

const app = new App({ outdir: process.env.BASELINE_OUTDIR ?? 'cdktf.out', stackTraces: false });
const stack = new TerraformStack(app, 'prod-us');
const tags = { 'team': 'ml-platform', 'cost-center': 'cc-1234', 'environment': 'prod' };
new aws.provider.AwsProvider(stack, 'aws', { region: 'us-east-1', defaultTags: [{ tags }] });

const zones = new aws.dataAwsAvailabilityZones.DataAwsAvailabilityZones(stack, 'zones', { state: 'available' });
const vpc = new aws.vpc.Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true });
const igw = new aws.internetGateway.InternetGateway(stack, 'igw', { vpcId: vpc.id });
const publicRoutes = new aws.routeTable.RouteTable(stack, 'public', { vpcId: vpc.id });
new aws.route.Route(stack, 'public-default', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
const privateSubnets: string[] = [];
for (let i = 0; i < 3; i++) {
  const az = Fn.element(zones.names, i);
  const pub = new aws.subnet.Subnet(stack, `public-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${224 + i * 8}.0/21`, availabilityZone: az });
  new aws.routeTableAssociation.RouteTableAssociation(stack, `public-${i}-assoc`, { subnetId: pub.id, routeTableId: publicRoutes.id });
  const eip = new aws.eip.Eip(stack, `nat-${i}-ip`, { domain: 'vpc' });
  const nat = new aws.natGateway.NatGateway(stack, `nat-${i}`, { allocationId: eip.id, subnetId: pub.id });
  const priv = new aws.subnet.Subnet(stack, `private-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i * 32}.0/19`, availabilityZone: az });
  const routes = new aws.routeTable.RouteTable(stack, `private-${i}-routes`, { vpcId: vpc.id });
  new aws.route.Route(stack, `private-${i}-default`, { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
  new aws.routeTableAssociation.RouteTableAssociation(stack, `private-${i}-assoc`, { subnetId: priv.id, routeTableId: routes.id });
  privateSubnets.push(priv.id);
}

function role(id: string, service: string, policies: string[]): aws.iamRole.IamRole {
  const r = new aws.iamRole.IamRole(stack, id, {
    name: `prod-us-${id}`,
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] }),
  });
  policies.forEach(p => new aws.iamRolePolicyAttachment.IamRolePolicyAttachment(stack, `${id}-${p}`, { role: r.name, policyArn: `arn:aws:iam::aws:policy/${p}` }));
  return r;
}
const clusterRole = role('cluster-role', 'eks.amazonaws.com', ['AmazonEKSClusterPolicy']);
const nodeRole = role('node-role', 'ec2.amazonaws.com', ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonEKS_CNI_Policy']);
const key = new aws.kmsKey.KmsKey(stack, 'key', { enableKeyRotation: true });
new aws.kmsAlias.KmsAlias(stack, 'key-alias', { name: 'alias/prod-us-secrets', targetKeyId: key.keyId });
const logs = new aws.cloudwatchLogGroup.CloudwatchLogGroup(stack, 'logs', { name: '/aws/eks/prod-us/cluster', retentionInDays: 90 });
const cluster = new aws.eksCluster.EksCluster(stack, 'cluster', {
  name: 'prod-us',
  version: '1.34',
  roleArn: clusterRole.arn,
  vpcConfig: { subnetIds: privateSubnets, endpointPrivateAccess: true, endpointPublicAccess: false },
  encryptionConfig: { resources: ['secrets'], provider: { keyArn: key.arn } },
  enabledClusterLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
  accessConfig: { authenticationMode: 'API' },
  dependsOn: [logs],
});
const admin = 'arn:aws:iam::111122223333:role/platform-admin';
new aws.eksAccessEntry.EksAccessEntry(stack, 'admin', { clusterName: cluster.name, principalArn: admin });
new aws.eksAccessPolicyAssociation.EksAccessPolicyAssociation(stack, 'admin-policy', {
  clusterName: cluster.name, principalArn: admin, accessScope: { type: 'cluster' },
  policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
});
new aws.iamOpenidConnectProvider.IamOpenidConnectProvider(stack, 'oidc', { url: cluster.identity.get(0).oidc.get(0).issuer, clientIdList: ['sts.amazonaws.com'] });
new aws.eksAddon.EksAddon(stack, 'pod-identity', { clusterName: cluster.name, addonName: 'eks-pod-identity-agent' });
const pools: Array<[string, string, string, number, number]> = [
  ['general', 'm7i.xlarge', 'AL2023_x86_64_STANDARD', 2, 6],
  ['l4', 'g6.xlarge', 'AL2023_x86_64_NVIDIA', 0, 4],
];
for (const [name, type, ami, min, max] of pools) {
  new aws.eksNodeGroup.EksNodeGroup(stack, name, {
    clusterName: cluster.name, nodeGroupName: name, nodeRoleArn: nodeRole.arn, subnetIds: privateSubnets,
    instanceTypes: [type], amiType: ami, scalingConfig: { minSize: min, maxSize: max, desiredSize: min },
    taint: ami.endsWith('NVIDIA') ? [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }] : [],
  });
}
new TerraformOutput(stack, 'endpoint', { value: cluster.endpoint });
app.synth();
