import * as fs from 'fs';
import * as path from 'path';

/** One upstream Pod Security fixture: a Pod that must pass or fail one level at one version. */
export interface PodSecurityFixture {
  /** `restricted/v1.37/fail/procmount_restricted0.yaml` */
  readonly name: string;
  readonly file: string;
  readonly level: string;
  readonly version: string;
  readonly expectPass: boolean;
  /** Check id the file name starts with, lower-cased (`procmount_restricted`). */
  readonly check: string;
}

/**
 * The upstream Pod Security fixtures, which live outside the repository: the directory
 * named by CDK_FLEET_POD_SECURITY_FIXTURES, else `../shared/conformance/pod-security` beside
 * the checkout. Undefined (with the reason printed once) when neither exists; the
 * project's own cases in pod-security-checks.test.ts cover every check either way.
 */
export function podSecurityFixturesDir(): string | undefined {
  const fromEnv = process.env.CDK_FLEET_POD_SECURITY_FIXTURES;
  const dir = fromEnv || path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'pod-security');
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return dir;
  // eslint-disable-next-line no-console
  console.log(`upstream Pod Security fixtures skipped: ${fromEnv ? `CDK_FLEET_POD_SECURITY_FIXTURES=${fromEnv} is not a directory`
    : `no ${dir} (set CDK_FLEET_POD_SECURITY_FIXTURES to the fixtures' folder)`}`);
  return undefined;
}

/** Every fixture under `dir` (`<level>/<version>/<pass|fail>/*.yaml`), sorted. */
export function listPodSecurityFixtures(dir: string): PodSecurityFixture[] {
  const fixtures: PodSecurityFixture[] = [];
  for (const level of fs.readdirSync(dir).sort()) {
    const levelDir = path.join(dir, level);
    if (!fs.statSync(levelDir).isDirectory()) continue;
    for (const version of fs.readdirSync(levelDir).sort()) {
      for (const outcome of ['pass', 'fail']) {
        const outcomeDir = path.join(levelDir, version, outcome);
        if (!fs.existsSync(outcomeDir)) continue;
        for (const file of fs.readdirSync(outcomeDir).filter(f => f.endsWith('.yaml')).sort()) {
          fixtures.push({
            name: `${level}/${version}/${outcome}/${file}`,
            file: path.join(outcomeDir, file),
            level,
            version,
            expectPass: outcome === 'pass',
            check: file.replace(/\d*\.yaml$/, '').toLowerCase(),
          });
        }
      }
    }
  }
  return fixtures;
}
