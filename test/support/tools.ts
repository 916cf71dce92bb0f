import { spawnSync } from 'child_process';

const found = new Map<string, boolean>();

/** Whether an external command answers `<tool> <probe...>` on this machine (asked once per process). */
export function hasTool(tool: string, probe: string[] = ['version']): boolean {
  let ok = found.get(tool);
  if (ok === undefined) {
    const result = spawnSync(tool, probe, { stdio: 'ignore', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    ok = !result.error && result.status === 0;
    found.set(tool, ok);
  }
  return ok;
}

const PROBES: Record<string, string[]> = {
  kubectl: ['version', '--client'],
  terraform: ['version'],
};

/**
 * `test` when the external tool is on PATH; otherwise `test.skip`, with the reason printed
 * once per test file (CI machines have kubectl and terraform; a laptop may not).
 */
export function testWithTool(tool: 'kubectl' | 'terraform'): jest.It {
  if (hasTool(tool, PROBES[tool])) return test;
  // eslint-disable-next-line no-console
  console.log(`tests that run '${tool}' are skipped: no ${tool} binary on PATH`);
  return test.skip;
}
