/**
 * KEDA scaler (trigger) types, as listed on https://keda.sh/docs/2.17/scalers/ for the
 * KEDA release the add-on catalog pins. Custom scalers run behind the `external` and
 * `external-push` types.
 */
export const KEDA_SCALERS_VERSION = '2.17';

export const KEDA_SCALER_TYPES: readonly string[] = [
  'activemq', 'apache-kafka', 'arangodb', 'artemis-queue', 'aws-cloudwatch', 'aws-dynamodb', 'aws-dynamodb-streams',
  'aws-kinesis-stream', 'aws-sqs-queue', 'azure-app-insights', 'azure-blob', 'azure-data-explorer', 'azure-eventhub',
  'azure-log-analytics', 'azure-monitor', 'azure-pipelines', 'azure-queue', 'azure-servicebus', 'beanstalkd', 'cassandra',
  'couchdb', 'cpu', 'cron', 'datadog', 'dynatrace', 'elasticsearch', 'etcd', 'external', 'external-push', 'gcp-cloudtasks',
  'gcp-pubsub', 'gcp-stackdriver', 'gcp-storage', 'github-runner', 'graphite', 'huawei-cloudeye', 'ibmmq', 'influxdb',
  'kafka', 'kubernetes-workload', 'liiklus', 'loki', 'memory', 'metrics-api', 'mongodb', 'mssql', 'mysql', 'nats-jetstream',
  'new-relic', 'nsq', 'openstack-metric', 'openstack-swift', 'postgresql', 'predictkube', 'prometheus', 'pulsar', 'rabbitmq',
  'redis', 'redis-cluster', 'redis-cluster-streams', 'redis-sentinel', 'redis-sentinel-streams', 'redis-streams',
  'selenium-grid', 'solace-event-queue', 'solr', 'splunk', 'stan', 'temporal',
];
