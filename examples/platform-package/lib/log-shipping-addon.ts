import { Capability, IAddon, IAddonContext } from 'cdk-fleet';

/** Where Acme's clusters ship their logs. */
export interface AcmeLogShippingProps {
  /**
   * Host of Acme's log collector (Fluent Bit `forward` output).
   * @default 'logs.acme.example'
   */
  readonly collectorHost?: string;
}

/**
 * Acme's log shipping add-on: Fluent Bit as a DaemonSet (chart `fluent-bit` 0.48.9 from
 * https://fluent.github.io/helm-charts, which ships Fluent Bit 3.2.10) forwarding every
 * container's logs to Acme's collector. Installed by the cluster's `<cluster>-addons`
 * stack like cdk-fleet's own add-ons.
 */
export class AcmeLogShipping implements IAddon {
  public readonly addonName = 'acme-log-shipping';
  public readonly provides: Capability[] = [];
  public readonly requires: Capability[] = [];
  /** Host the logs are forwarded to. */
  public readonly collectorHost: string;

  constructor(props: AcmeLogShippingProps = {}) {
    this.collectorHost = props.collectorHost ?? 'logs.acme.example';
  }

  public install(context: IAddonContext): void {
    context.addHelmRelease({
      release: 'acme-logs',
      chart: 'fluent-bit',
      repository: 'https://fluent.github.io/helm-charts',
      version: '0.48.9',
      namespace: 'acme-logging',
      values: {
        config: { outputs: `[OUTPUT]\n    Name  forward\n    Match *\n    Host  ${this.collectorHost}\n    Port  24224\n` },
      },
    });
  }
}
