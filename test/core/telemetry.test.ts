import { collectorService } from '../../lib/core/telemetry';

describe('collectorService: the in-cluster service an OTLP endpoint names', () => {
  test.each([
    ['http://otel-collector.observability:4317', { service: 'otel-collector', namespace: 'observability' }],
    ['http://otel-collector.observability.svc:4318/v1/traces', { service: 'otel-collector', namespace: 'observability' }],
    ['https://collector.telemetry.svc.cluster.local:4317', { service: 'collector', namespace: 'telemetry' }],
    ['http://otel:4317', { service: 'otel', namespace: 'default' }],
    ['http://collector.example.svc:4317', { service: 'collector', namespace: 'example' }],
  ])('%s is in-cluster', (endpoint, expected) => {
    expect(collectorService(endpoint)).toEqual(expected);
  });

  test.each([
    'https://otlp.example.com:4317',
    'https://api.honeycomb.io',
    'http://otlp.eu-west-1.vendor.net:4318',
    'http://10.0.0.12:4317',
    'http://Collector.Observability:4317',
  ])('%s is external', endpoint => {
    expect(collectorService(endpoint)).toBeUndefined();
  });
});
