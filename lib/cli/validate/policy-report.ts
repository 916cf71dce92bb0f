import { Finding } from './finding';

/**
 * Error findings of the policy report (`policy/report.json`) that are not
 * suppressed become validation findings; warnings and suppressed findings do not.
 */
export function checkPolicyReport(file: string, text: string): Finding[] {
  let report: any;
  try {
    report = JSON.parse(text);
  } catch (e) {
    return [{ check: 'policy', file, message: `not valid JSON: ${(e as Error).message}` }];
  }
  const findings: any[] = Array.isArray(report?.findings) ? report.findings : [];
  return findings
    .filter(f => f?.level === 'error' && !f?.suppressed)
    .map(f => ({
      check: 'policy',
      file: f.file ?? file,
      jsonPath: f.jsonPath,
      message: `${f.ruleId ?? 'policy'}${f.constructPath ? ` (${f.constructPath})` : ''}: ${f.message ?? 'policy error'}`,
    }));
}
