// Acme's platform package on cdk-fleet: what Acme's developers import instead of wiring
// clusters, workloads and policy themselves.
export * from './preset-cluster';
export * from './golden-path-service';
export * from './owner-label-pack';
export * from './log-shipping-addon';
