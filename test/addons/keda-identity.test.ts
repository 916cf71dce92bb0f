import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { AgentService, AksCluster, Capability, EksCluster, Fleet, GkeCluster, ICluster, KedaTrigger } from '../../lib';
import { sqsQueueArn } from '../../lib/addons/keda-identity';
import { Synthesized, synthFleet, tempDir } from '../support/synth';

const small = { image: 'ghcr.io/acme/agent:1.0.0', resources: { cpu: '250m', memory: '256Mi' } };
const sqs = (name: string): KedaTrigger => ({
  type: 'aws-sqs-queue', metadata: { queueURL: `https://sqs.us-east-1.amazonaws.com/111122223333/${name}`, queueLength: '5', awsRegion: 'us-east-1' },
});
const redis: KedaTrigger = { type: 'redis', metadata: { address: 'redis.data:6379', listName: 'jobs', listLength: '5' } };
const SERVICE_BUS = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-msg/providers/Microsoft.ServiceBus/namespaces/acme';
const STORAGE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-msg/providers/Microsoft.Storage/storageAccounts/acmejobs';

function objects(out: Synthesized, cluster: string, workload: string): Record<string, any> {
  const file = path.join(out.outdir, 'kubernetes', cluster, `${workload}.yaml`);
  return Object.fromEntries(parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()).map(o => [o.kind, o]));
}

function kedaValues(out: Synthesized, stack: string): any {
  return JSON.parse(out.resources(stack, 'helm_release').find(r => r.name === 'keda').values[0]);
}

describe('KEDA cloud-queue triggers authenticate with the KEDA operator\'s cloud identity', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      const quiet = new EksCluster(fleet, 'quiet', { region: 'us-west-2' });
      ([eks, gke, aks, quiet] as ICluster[]).forEach(c => c.addNodePool('general'));
      new AgentService(fleet, 'tickets', { ...small, placement: [eks], eventScaling: { maxReplicas: 5, triggers: [sqs('tickets'), redis, sqs('bulk'), sqs('tickets')] } });
      new AgentService(fleet, 'reports', { ...small, placement: [gke], eventScaling: { maxReplicas: 5, triggers: [{ type: 'gcp-pubsub', metadata: { subscriptionName: 'reports', value: '5' } }] } });
      new AgentService(fleet, 'orders', {
        ...small,
        placement: [aks],
        eventScaling: {
          maxReplicas: 5,
          triggers: [
            { type: 'azure-servicebus', metadata: { queueName: 'orders', namespace: 'acme' }, cloudResourceId: SERVICE_BUS },
            { type: 'azure-queue', metadata: { queueName: 'thumbnails', accountName: 'acmejobs' }, cloudResourceId: STORAGE },
            { type: 'cron', metadata: { timezone: 'Etc/UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: '1' } },
          ],
        },
      });
      new AgentService(fleet, 'cache-warmer', { ...small, placement: [quiet], eventScaling: { maxReplicas: 2, triggers: [redis] } });
    });
  });

  test('each cloud\'s queue triggers reference a TriggerAuthentication with that cloud\'s pod-identity provider', () => {
    for (const [cluster, workload, provider] of [['aws', 'tickets', 'aws'], ['gcp', 'reports', 'gcp'], ['azure', 'orders', 'azure-workload']]) {
      const objs = objects(out, cluster, workload);
      expect(objs.TriggerAuthentication).toEqual({
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'TriggerAuthentication',
        metadata: expect.objectContaining({ name: workload, namespace: objs.ScaledObject.metadata.namespace }),
        spec: { podIdentity: { provider } },
      });
    }
    const eksTriggers = objects(out, 'aws', 'tickets').ScaledObject.spec.triggers;
    expect(eksTriggers.map((t: any) => [t.type, t.authenticationRef])).toEqual([
      ['aws-sqs-queue', { name: 'tickets' }], ['redis', undefined], ['aws-sqs-queue', { name: 'tickets' }], ['aws-sqs-queue', { name: 'tickets' }],
    ]);
    expect(objects(out, 'gcp', 'reports').ScaledObject.spec.triggers[0].authenticationRef).toEqual({ name: 'reports' });
    expect(objects(out, 'azure', 'orders').ScaledObject.spec.triggers.map((t: any) => t.authenticationRef?.name)).toEqual(['orders', 'orders', undefined]);
  });

  test('triggers that read no cloud service get no TriggerAuthentication and the operator no identity', () => {
    const objs = objects(out, 'quiet', 'cache-warmer');
    expect(objs.TriggerAuthentication).toBeUndefined();
    expect(objs.ScaledObject.spec.triggers[0].authenticationRef).toBeUndefined();
    expect(out.resources('quiet-addons', 'aws_eks_pod_identity_association').map(a => a.service_account)).not.toContain('keda-operator');
    expect(kedaValues(out, 'quiet-addons').podIdentity).toBeUndefined();
    expect(kedaValues(out, 'quiet-addons').serviceAccount).toBeUndefined();
  });

  test('EKS: a Pod Identity association for keda/keda-operator may only read the attributes of the triggers\' queues', () => {
    const association = out.resources('aws-addons', 'aws_eks_pod_identity_association').find(a => a.service_account === 'keda-operator');
    expect(association).toMatchObject({ namespace: 'keda', cluster_name: 'aws' });
    const policy = out.resources('aws-addons', 'aws_iam_role_policy').find(p => p.name === 'aws-keda-operator');
    expect(JSON.parse(policy.policy).Statement).toEqual([{
      Effect: 'Allow',
      Action: 'sqs:GetQueueAttributes',
      Resource: ['arn:aws:sqs:us-east-1:111122223333:bulk', 'arn:aws:sqs:us-east-1:111122223333:tickets'],
    }]);
    const release = out.resources('aws-addons', 'helm_release').find(r => r.name === 'keda');
    expect(release.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_eks_pod_identity_association\.keda-operator-identity_association/)]));
  });

  test('GKE: a Google service account with monitoring.viewer, impersonated by keda/keda-operator, annotated through the chart', () => {
    const [account] = out.resources('gcp-addons', 'google_service_account');
    expect(account).toMatchObject({ account_id: 'gcp-keda', project: 'acme-prod' });
    expect(out.resources('gcp-addons', 'google_project_iam_member')).toEqual([
      expect.objectContaining({ project: 'acme-prod', role: 'roles/monitoring.viewer', member: expect.stringMatching(/^serviceAccount:\$\{google_service_account\..+\.email\}$/) }),
    ]);
    expect(out.resources('gcp-addons', 'google_service_account_iam_member')).toEqual([expect.objectContaining({
      role: 'roles/iam.workloadIdentityUser',
      member: 'serviceAccount:acme-prod.svc.id.goog[keda/keda-operator]',
      service_account_id: expect.stringMatching(/^\$\{google_service_account\..+\.name\}$/),
    })]);
    expect(kedaValues(out, 'gcp-addons').serviceAccount).toEqual({ operator: { name: 'keda-operator' } });
    expect(kedaValues(out, 'gcp-addons').podIdentity).toEqual({ gcp: { enabled: true, gcpIAMServiceAccount: expect.stringMatching(/^\$\{google_service_account\..+\.email\}$/) } });
  });

  test('AKS: a user-assigned identity federated with keda/keda-operator, a data-plane role on each cloudResourceId, workload identity in the chart', () => {
    const [identity] = out.resources('azure-addons', 'azurerm_user_assigned_identity');
    expect(identity).toMatchObject({ name: 'azure-keda-operator', location: 'westeurope' });
    expect(out.resources('azure-addons', 'azurerm_federated_identity_credential')).toEqual([expect.objectContaining({
      subject: 'system:serviceaccount:keda:keda-operator',
      audience: ['api://AzureADTokenExchange'],
      issuer: expect.stringContaining('oidc_issuer_url'),
      parent_id: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\..+\.id\}$/),
    })]);
    expect(out.resources('azure-addons', 'azurerm_role_assignment').map(r => [r.role_definition_name, r.scope])).toEqual([
      ['Azure Service Bus Data Owner', SERVICE_BUS], ['Storage Queue Data Reader', STORAGE],
    ]);
    expect(out.resources('azure-addons', 'helm_release').find(r => r.name === 'keda').depends_on).toEqual(expect.arrayContaining([
      'azurerm_federated_identity_credential.keda-operator-federation', 'azurerm_role_assignment.keda-operator-role-0', 'azurerm_role_assignment.keda-operator-role-1',
    ]));
    expect(kedaValues(out, 'azure-addons').podIdentity).toEqual({
      azureWorkload: {
        enabled: true,
        clientId: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\..+\.client_id\}$/),
        tenantId: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\..+\.tenant_id\}$/),
      },
    });
  });
});

describe('KEDA cloud identity: bad input', () => {
  const synth = (build: (fleet: Fleet) => void) => () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    build(fleet);
    fleet.synth();
  };

  test('an SQS trigger on EKS whose queueURL is not an SQS queue URL', () => {
    expect(synth(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      new AgentService(fleet, 'tickets', { ...small, placement: [eks], eventScaling: { maxReplicas: 5, triggers: [{ type: 'aws-sqs-queue', metadata: { queueURL: 'tickets' } }] } });
    })).toThrow(/agentService 'fleet\/tickets': eventScaling\.triggers\[0\]\.metadata\.queueURL 'tickets' is not an SQS queue URL; .*'https:\/\/sqs\.<region>\.amazonaws\.com\/<account id>\/<queue name>'/);
  });

  test('an Azure queue trigger on AKS without cloudResourceId, or with one of the wrong service', () => {
    const aksWith = (trigger: KedaTrigger) => synth(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addNodePool('general');
      new AgentService(fleet, 'orders', { ...small, placement: [aks], eventScaling: { maxReplicas: 5, triggers: [redis, trigger] } });
    });
    expect(aksWith({ type: 'azure-servicebus', metadata: { queueName: 'orders', namespace: 'acme' } }))
      .toThrow(/agentService 'fleet\/orders': eventScaling\.triggers\[1\] \(azure-servicebus\) on AKS needs cloudResourceId, the resource id of its Service Bus namespace/);
    expect(aksWith({ type: 'azure-servicebus', metadata: { queueName: 'orders', namespace: 'acme' }, cloudResourceId: STORAGE }))
      .toThrow(/has cloudResourceId '\/subscriptions\/.*storageAccounts\/acmejobs', which is not the resource id of its Service Bus namespace or queue/);
    expect(aksWith({ type: 'azure-queue', metadata: { queueName: 'orders', accountName: 'acmejobs' } }))
      .toThrow(/\(azure-queue\) on AKS needs cloudResourceId, the resource id of its storage account or queue/);
  });

  test('sqsQueueArn maps queue URLs to ARNs and rejects anything else', () => {
    expect(sqsQueueArn('https://sqs.eu-west-1.amazonaws.com/111122223333/jobs.fifo')).toBe('arn:aws:sqs:eu-west-1:111122223333:jobs.fifo');
    expect(sqsQueueArn('https://sqs.cn-north-1.amazonaws.com.cn/111122223333/jobs')).toBe('arn:aws-cn:sqs:cn-north-1:111122223333:jobs');
    expect(sqsQueueArn('https://sqs.us-gov-west-1.amazonaws.com/111122223333/jobs')).toBe('arn:aws-us-gov:sqs:us-gov-west-1:111122223333:jobs');
    expect(sqsQueueArn('https://sqs.us-east-1.amazonaws.com/12345/jobs')).toBeUndefined();
    expect(sqsQueueArn('https://example.com/111122223333/jobs')).toBeUndefined();
  });
});

describe('KEDA: the other common cloud scalers get a TriggerAuthentication and a least-privilege operator identity', () => {
  const BLOB = `${STORAGE}/blobServices/default/containers/uploads`;
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      ([eks, gke, aks] as ICluster[]).forEach(c => c.addNodePool('general'));
      new AgentService(fleet, 'metrics', {
        ...small,
        placement: [eks],
        eventScaling: {
          maxReplicas: 5,
          triggers: [
            { type: 'aws-cloudwatch', metadata: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensionName: 'QueueName', dimensionValue: 'jobs', targetMetricValue: '5', awsRegion: 'us-east-1' } },
            { type: 'aws-kinesis-stream', metadata: { streamName: 'clicks', shardCount: '2', awsRegion: 'us-east-1' } },
            { type: 'aws-dynamodb', metadata: { tableName: 'jobs', indexName: 'by-state', awsRegion: 'eu-west-1', targetValue: '5', keyConditionExpression: '#s = :s', expressionAttributeNames: '{"#s":"state"}', expressionAttributeValues: '{":s":{"S":"queued"}}' } },
          ],
        },
      });
      new AgentService(fleet, 'uploads', {
        ...small,
        placement: [gke],
        eventScaling: {
          maxReplicas: 5,
          triggers: [
            { type: 'gcp-stackdriver', metadata: { projectId: 'acme-metrics', filter: 'metric.type="custom.googleapis.com/jobs"', targetValue: '5' } },
            { type: 'gcp-storage', metadata: { bucketName: 'acme-uploads', targetObjectCount: '100' } },
          ],
        },
      });
      new AgentService(fleet, 'thumbs', {
        ...small,
        placement: [aks],
        eventScaling: { maxReplicas: 5, triggers: [{ type: 'azure-blob', metadata: { blobContainerName: 'uploads', accountName: 'acmejobs', blobCount: '5' }, cloudResourceId: BLOB }] },
      });
    });
  });

  test('every trigger references the workload\'s TriggerAuthentication with its cloud\'s pod-identity provider', () => {
    for (const [cluster, workload, provider, count] of [['aws', 'metrics', 'aws', 3], ['gcp', 'uploads', 'gcp', 2], ['azure', 'thumbs', 'azure-workload', 1]] as const) {
      const objs = objects(out, cluster, workload);
      expect(objs.TriggerAuthentication.spec).toEqual({ podIdentity: { provider } });
      expect(objs.ScaledObject.spec.triggers.map((t: any) => t.authenticationRef)).toEqual(Array(count).fill({ name: workload }));
    }
  });

  test('EKS: GetMetricData (no resource-level permissions), Query on the table and its index, DescribeStreamSummary on the stream', () => {
    const policy = out.resources('aws-addons', 'aws_iam_role_policy').find(p => p.name === 'aws-keda-operator');
    const account = '${data.aws_caller_identity.keda-account.account_id}';
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Effect: 'Allow', Action: 'cloudwatch:GetMetricData', Resource: '*' },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: [`arn:aws:dynamodb:eu-west-1:${account}:table/jobs`, `arn:aws:dynamodb:eu-west-1:${account}:table/jobs/index/by-state`] },
      { Effect: 'Allow', Action: 'kinesis:DescribeStreamSummary', Resource: [`arn:aws:kinesis:us-east-1:${account}:stream/clicks`] },
    ]);
    expect(out.stack('aws-addons').data.aws_caller_identity).toBeDefined();
  });

  test('GKE: monitoring.viewer in the stackdriver trigger\'s project, objectViewer on the storage trigger\'s bucket only', () => {
    expect(out.resources('gcp-addons', 'google_project_iam_member').map(m => [m.project, m.role])).toEqual([['acme-metrics', 'roles/monitoring.viewer']]);
    expect(out.resources('gcp-addons', 'google_storage_bucket_iam_member')).toEqual([expect.objectContaining({
      bucket: 'acme-uploads', role: 'roles/storage.objectViewer', member: expect.stringMatching(/^serviceAccount:\$\{google_service_account\..+\.email\}$/),
    })]);
  });

  test('AKS: Storage Blob Data Reader on the blob trigger\'s container', () => {
    expect(out.resources('azure-addons', 'azurerm_role_assignment').map(r => [r.role_definition_name, r.scope])).toEqual([['Storage Blob Data Reader', BLOB]]);
  });
});

describe('KEDA: a TriggerAuthentication always has an identity behind it', () => {
  const eventHub: KedaTrigger = { type: 'azure-eventhub', metadata: { eventHubName: 'clicks', consumerGroup: '$Default', storageAccountName: 'acmecheckpoints', blobContainer: 'checkpoints' } };
  const agentOn = (cluster: ICluster, trigger: KedaTrigger) => new AgentService(cluster.node.scope!, 'agent', { ...small, placement: [cluster], eventScaling: { maxReplicas: 3, triggers: [trigger] } });
  const synth = (build: (fleet: Fleet) => void) => () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    build(fleet);
    fleet.synth();
  };

  test('addons.keda false with a cloud trigger and nothing else providing KEDA fails, naming Capability.KEDA and both ways out', () => {
    expect(synth(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { keda: false } });
      eks.addNodePool('general');
      agentOn(eks, sqs('jobs'));
    })).toThrow(/workload 'fleet\/agent' \(eventScaling \(ScaledObject\)\) needs KEDA .*\(Capability\.KEDA\) on cluster 'fleet\/aws', which does not provide it: addons\.keda is false; leave it unset so the fleet installs it, or .*provides: \[Capability\.KEDA\]/);
  });

  test('KEDA run by the team (provides): the TriggerAuthentication is emitted, no operator identity, and a warning names the permission to grant', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { keda: false }, provides: [Capability.KEDA] });
      eks.addNodePool('general');
      agentOn(eks, sqs('jobs'));
    });
    expect(objects(out, 'aws', 'agent').TriggerAuthentication.spec).toEqual({ podIdentity: { provider: 'aws' } });
    expect(out.manifest.stacks['aws-addons']?.releases ?? []).not.toContainEqual(expect.objectContaining({ addon: 'keda' }));
    expect(out.manifest.warnings).toContainEqual(expect.objectContaining({
      path: 'fleet/agent',
      message: expect.stringMatching(/eventScaling\.triggers\[0\] \(aws-sqs-queue\) on cluster 'fleet\/aws' authenticates as the KEDA operator \(TriggerAuthentication podIdentity\.provider aws\); KEDA is installed outside the fleet \(provides: \[Capability\.KEDA\]\), so the fleet gives its operator no cloud identity: give the operator's service account sqs:GetQueueAttributes on the queue/),
    }));
  });

  test('azure-eventhub: the fleet cannot grant both resources it reads, so installing KEDA for it fails; with provides it warns', () => {
    expect(synth(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addNodePool('general');
      agentOn(aks, eventHub);
    })).toThrow(/eventScaling\.triggers\[0\] \(azure-eventhub\) on cluster 'fleet\/azure' authenticates as the KEDA operator .*but the fleet cannot grant its operator "Azure Event Hubs Data Receiver" on the Event Hub and "Storage Blob Data Reader" on its checkpoint storage account: it reads two resources.*declare provides: \[Capability\.KEDA\]/);
    const out = synthFleet(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope', provides: [Capability.KEDA] });
      aks.addNodePool('general');
      agentOn(aks, eventHub);
    });
    expect(objects(out, 'azure', 'agent').TriggerAuthentication.spec).toEqual({ podIdentity: { provider: 'azure-workload' } });
    expect(out.manifest.warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/\(azure-eventhub\).*"Azure Event Hubs Data Receiver"/) }));
  });

  test('a Kinesis trigger without awsRegion, or a storage trigger without bucketName, cannot be scoped and fails', () => {
    expect(synth(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      eks.addNodePool('general');
      agentOn(eks, { type: 'aws-kinesis-stream', metadata: { streamName: 'clicks' } });
    })).toThrow(/agentService 'fleet\/agent': eventScaling\.triggers\[0\] \(aws-kinesis-stream\) metadata\.awsRegion is missing; KEDA's operator is granted kinesis:DescribeStreamSummary on the stream, so give it as e\.g\. 'us-east-1'/);
    expect(synth(fleet => {
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      gke.addNodePool('general');
      agentOn(gke, { type: 'gcp-storage', metadata: { targetObjectCount: '5' } });
    })).toThrow(/\(gcp-storage\) metadata\.bucketName is missing; KEDA's operator is granted roles\/storage\.objectViewer on the bucket/);
  });
});
