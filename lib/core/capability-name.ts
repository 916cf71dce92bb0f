import { Capability } from './capability';

/** `GATEWAY_API` for `gateway-api`: how a user names the capability in code (`Capability.GATEWAY_API`). */
export function constantName(capability: Capability): string {
  return capability.name.toUpperCase().replace(/-/g, '_');
}
