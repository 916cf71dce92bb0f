import { IConstruct } from 'constructs';
import { TelemetryOptions } from './telemetry-options';

const TELEMETRY = new WeakMap<IConstruct, TelemetryOptions>();

/** Records the telemetry settings of a scope (the fleet). */
export function setTelemetry(scope: IConstruct, options: TelemetryOptions | undefined): void {
  if (options) TELEMETRY.set(scope, options);
}

/** The telemetry settings in force at `scope`, if any (innermost scope wins). */
export function telemetryAt(scope: IConstruct): TelemetryOptions | undefined {
  let found: TelemetryOptions | undefined;
  for (const s of scope.node.scopes) found = TELEMETRY.get(s) ?? found;
  return found;
}
