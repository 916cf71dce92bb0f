import { createHash } from 'crypto';
import type { RolloutOptions } from '../edge-options';
import type { EdgeSite } from '../edge-site';

/** The label every site carries with its rollout wave. */
export const WAVE_LABEL = 'cdk-fleet.io/wave';

/** One rollout wave: its name, the cumulative percentage it reaches, and its sites. */
export interface Wave {
  readonly name: string;
  readonly percentage?: number;
  readonly sites: EdgeSite[];
}

/**
 * Splits the sites into waves: the canary sites first (by label), then the others in
 * a stable pseudo-random order (by a hash of the name, so a wave spreads over regions
 * and formats) cut at the cumulative percentages. Same sites ⇒ same waves.
 */
export function rolloutWaves(sites: EdgeSite[], rollout: RolloutOptions): Wave[] {
  const canarySelector = rollout.canarySelector;
  const canary = canarySelector ? sites.filter(s => s.matches(canarySelector)) : [];
  const canaryNames = new Set(canary.map(s => s.siteName));
  const rest = sites.filter(s => !canaryNames.has(s.siteName))
    .map(s => ({ s, key: createHash('sha256').update(s.siteName).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(x => x.s);
  const waves: Wave[] = canary.length > 0 ? [{ name: 'canary', sites: sortByName(canary) }] : [];
  let taken = 0;
  (rollout.percentages ?? [100]).forEach((p, i) => {
    const upTo = Math.min(rest.length, Math.max(Math.ceil((rest.length * p) / 100), taken + (taken < rest.length ? 1 : 0)));
    waves.push({ name: `wave-${i + 1}`, percentage: p, sites: sortByName(rest.slice(taken, upTo)) });
    taken = upTo;
  });
  return waves.filter(w => w.sites.length > 0);
}

function sortByName(sites: EdgeSite[]): EdgeSite[] {
  return [...sites].sort((a, b) => (a.siteName < b.siteName ? -1 : a.siteName > b.siteName ? 1 : 0));
}
