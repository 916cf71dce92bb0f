import { IConstruct } from 'constructs';
import { Cloud } from '../core/cloud';
import { invalid, show } from '../core/errors';
import { ADDITIONAL_REGIONS_CONTEXT, checkRegionName, zonesOf } from '../core/regions';
import { addFleetWarning, WarningId } from '../core/warnings';

/**
 * Checks a cluster's region against the region catalog (an error listing near
 * matches; a warning when only the fleet's `additionalRegions` allows it).
 */
export function checkRegion(kind: string, scope: IConstruct, cloud: Cloud, prop: string, region: unknown): void {
  const additional = scope.node.tryGetContext(ADDITIONAL_REGIONS_CONTEXT);
  const result = checkRegionName(cloud, region, Array.isArray(additional) ? additional : []);
  if (result.problem) invalid(kind, scope, `${prop} ${show(region)} ${result.problem}`);
  if (result.warning) addFleetWarning(scope, WarningId.REGION_NOT_IN_CATALOG, result.warning);
}

/**
 * Checks zones against the catalogued zones of the region. Zones of a region the
 * catalog does not know (allowed through `additionalRegions`) pass `fallback`.
 */
export function checkZones(kind: string, scope: IConstruct, cloud: Cloud, region: string, prop: string,
  zones: readonly unknown[], fallback: RegExp): void {
  const known = zonesOf(cloud, region);
  for (const zone of zones) {
    const ok = known ? known.includes(zone as string) : typeof zone === 'string' && fallback.test(zone);
    if (ok) continue;
    const accepted = known === undefined ? `a name matching ${fallback}`
      : known.length === 0 ? `none: ${region} has no availability zones (leave ${prop} empty)` : known.map(z => `'${z}'`).join(', ');
    invalid(kind, scope, `${prop} entry ${show(zone)} is not a zone of region '${region}'; zones of ${region}: ${accepted}`);
  }
}
