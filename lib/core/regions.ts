import { Cloud } from './cloud';
import { nearMatches } from './errors';

/**
 * The region catalog: for each cloud, its public regions and their zones, as the
 * clouds documented them at CATALOG version. Regions open a few times a year; a
 * region missing here is an error unless the fleet lists it in
 * `FleetProps.additionalRegions` (then it is accepted with a warning, like an
 * unknown GPU machine type).
 *
 * Sources: AWS "Regions and Availability Zones" and the region enum of the AWS APIs
 * (https://docs.aws.amazon.com/security-ir/latest/APIReference/API_ImpactedAwsRegion.html);
 * Google Cloud "Regions and zones" (https://cloud.google.com/compute/docs/regions-zones);
 * Azure "Azure regions with availability zone support"
 * (https://learn.microsoft.com/azure/reliability/availability-zones-region-support).
 * AWS zone letters are per account, so every letter a region has ever used is listed.
 */
export const REGION_CATALOG_VERSION = '2026.11';

/** Construct context key under which the Fleet records `additionalRegions` for the clusters. */
export const ADDITIONAL_REGIONS_CONTEXT = 'cdk-fleet.io/additional-regions';

const abc = 'abc';
const AWS: Record<string, string> = {
  'af-south-1': abc,
  'ap-east-1': abc,
  'ap-east-2': abc,
  'ap-northeast-1': 'abcd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': abc,
  'ap-south-1': abc,
  'ap-south-2': abc,
  'ap-southeast-1': abc,
  'ap-southeast-2': abc,
  'ap-southeast-3': abc,
  'ap-southeast-4': abc,
  'ap-southeast-5': abc,
  'ap-southeast-6': abc,
  'ap-southeast-7': abc,
  'ca-central-1': 'abcd',
  'ca-west-1': abc,
  'cn-north-1': 'abd',
  'cn-northwest-1': abc,
  'eu-central-1': abc,
  'eu-central-2': abc,
  'eu-north-1': abc,
  'eu-south-1': abc,
  'eu-south-2': abc,
  'eu-west-1': abc,
  'eu-west-2': abc,
  'eu-west-3': abc,
  'il-central-1': abc,
  'me-central-1': abc,
  'me-south-1': abc,
  'mx-central-1': abc,
  'sa-east-1': abc,
  'us-east-1': 'abcdef',
  'us-east-2': abc,
  'us-gov-east-1': abc,
  'us-gov-west-1': abc,
  'us-west-1': abc,
  'us-west-2': 'abcd',
};

const GCP: Record<string, string> = {
  'africa-south1': abc,
  'asia-east1': abc,
  'asia-east2': abc,
  'asia-northeast1': abc,
  'asia-northeast2': abc,
  'asia-northeast3': abc,
  'asia-south1': abc,
  'asia-south2': abc,
  'asia-southeast1': abc,
  'asia-southeast2': abc,
  'australia-southeast1': abc,
  'australia-southeast2': abc,
  'europe-central2': abc,
  'europe-north1': abc,
  'europe-north2': abc,
  'europe-southwest1': abc,
  'europe-west1': 'bcd',
  'europe-west2': abc,
  'europe-west3': abc,
  'europe-west4': abc,
  'europe-west6': abc,
  'europe-west8': abc,
  'europe-west9': abc,
  'europe-west10': abc,
  'europe-west12': abc,
  'me-central1': abc,
  'me-central2': abc,
  'me-west1': abc,
  'northamerica-northeast1': abc,
  'northamerica-northeast2': abc,
  'northamerica-south1': abc,
  'southamerica-east1': abc,
  'southamerica-west1': abc,
  'us-central1': 'abcf',
  'us-east1': 'bcd',
  'us-east4': abc,
  'us-east5': abc,
  'us-south1': abc,
  'us-west1': abc,
  'us-west2': abc,
  'us-west3': abc,
  'us-west4': abc,
};

// Azure zones are logical '1', '2', '3' where the region supports them; '' = no zones.
const AZURE_ZONED = ['australiaeast', 'brazilsouth', 'canadacentral', 'centralindia', 'centralus', 'chilecentral', 'eastasia',
  'eastus', 'eastus2', 'francecentral', 'germanywestcentral', 'indonesiacentral', 'israelcentral', 'italynorth', 'japaneast',
  'japanwest', 'koreacentral', 'malaysiawest', 'mexicocentral', 'newzealandnorth', 'northeurope', 'norwayeast', 'polandcentral',
  'qatarcentral', 'southafricanorth', 'southcentralus', 'southeastasia', 'spaincentral', 'swedencentral', 'switzerlandnorth',
  'uaenorth', 'uksouth', 'westeurope', 'westus2', 'westus3'];
const AZURE_UNZONED = ['australiacentral', 'australiacentral2', 'australiasoutheast', 'brazilsoutheast', 'canadaeast',
  'francesouth', 'germanynorth', 'jioindiacentral', 'jioindiawest', 'koreasouth', 'northcentralus', 'norwaywest',
  'southafricawest', 'southindia', 'swedensouth', 'switzerlandwest', 'uaecentral', 'ukwest', 'westcentralus', 'westindia', 'westus'];

/** Region name → zone names, per cloud. */
const CATALOG: Record<Cloud, Record<string, string[]>> = {
  [Cloud.AWS]: Object.fromEntries(Object.entries(AWS).map(([r, letters]) => [r, [...letters].map(l => `${r}${l}`)])),
  [Cloud.GCP]: Object.fromEntries(Object.entries(GCP).map(([r, letters]) => [r, [...letters].map(l => `${r}-${l}`)])),
  [Cloud.AZURE]: Object.fromEntries([...AZURE_ZONED.map(r => [r, ['1', '2', '3']]), ...AZURE_UNZONED.map(r => [r, []])]),
};

/** The regions of `cloud` in the catalog, sorted. */
export function regionsOf(cloud: Cloud): string[] {
  return Object.keys(CATALOG[cloud]).sort();
}

/** The zones of a catalogued region, or undefined when the region is not in the catalog. */
export function zonesOf(cloud: Cloud, region: string): string[] | undefined {
  return Object.prototype.hasOwnProperty.call(CATALOG[cloud], region) ? [...CATALOG[cloud][region]] : undefined;
}

/** How a region name checked against the catalog came out. */
export interface RegionCheck {
  /** Why the region is rejected (worded as `is not ...; use ...`). */
  readonly problem?: string;
  /** A warning when the region is accepted only because the fleet lists it. */
  readonly warning?: string;
}

/**
 * Checks `region` against the catalog of `cloud`. `additional` holds the fleet's
 * `additionalRegions` entries (`<cloud>:<region>`).
 */
export function checkRegionName(cloud: Cloud, region: unknown, additional: readonly string[] = []): RegionCheck {
  if (typeof region === 'string' && zonesOf(cloud, region) !== undefined) return {};
  if (typeof region === 'string' && additional.includes(`${cloud}:${region}`)) {
    return { warning: `region '${region}' is not in the region catalog ${REGION_CATALOG_VERSION} for ${cloud}; accepted because additionalRegions lists it (zones are not checked)` };
  }
  const near = typeof region === 'string' ? nearMatches(region, regionsOf(cloud)) : [];
  const hint = near.length > 0 ? `did you mean ${near.map(r => `'${r}'`).join(', ')}?` : `e.g. '${EXAMPLE[cloud]}'`;
  return {
    problem: `is not ${NAME[cloud]} region in the region catalog ${REGION_CATALOG_VERSION} (${hint}); ` +
      `a region newer than the catalog can be allowed with Fleet's additionalRegions: ['${cloud}:<region>']`,
  };
}

const NAME: Record<Cloud, string> = { [Cloud.AWS]: 'an AWS', [Cloud.GCP]: 'a Google Cloud', [Cloud.AZURE]: 'an Azure' };
const EXAMPLE: Record<Cloud, string> = { [Cloud.AWS]: 'us-east-1', [Cloud.GCP]: 'us-central1', [Cloud.AZURE]: 'westeurope' };
