import { PolicyResult } from './engine';
import { sarifLevel, sortFindings } from './report-json';
import { compareStrings } from '../core/compare';

/** The SARIF 2.1.0 log written as `policy/report.sarif`, for GitHub code scanning and other CI tools. */
export function policySarif(result: PolicyResult): Record<string, unknown> {
  const rules = [...result.rules.values()].sort((a, b) => compareStrings(a.rule.id, b.rule.id));
  const index = new Map(rules.map(({ rule }, i) => [rule.id, i]));
  const results = sortFindings(result.findings).map(f => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: sarifLevel(f.level),
    message: { text: f.message },
    locations: [{
      physicalLocation: { artifactLocation: { uri: f.file }, ...(f.line ? { region: { startLine: f.line } } : {}) },
      logicalLocations: [{ fullyQualifiedName: f.constructPath, kind: 'resource' }],
    }],
    partialFingerprints: { 'cdkFleetFinding/v1': `${f.ruleId}:${f.file}:${f.jsonPath}` },
    properties: {
      constructPath: f.constructPath,
      jsonPath: f.jsonPath,
      pack: f.pack,
      ...(f.downgradedFrom ? { downgradedFrom: f.downgradedFrom } : {}),
      ...(f.suppressionIgnored ? { suppressionIgnored: f.suppressionIgnored } : {}),
    },
    ...(f.suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.suppressed.reason} (suppressed on ${f.suppressed.scope})` }] } : {}),
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk-fleet',
          informationUri: 'https://github.com/cdk-fleet/cdk-fleet',
          rules: rules.map(({ rule, pack }) => ({
            id: rule.id,
            shortDescription: { text: rule.description },
            help: { text: rule.fixHint },
            defaultConfiguration: { level: sarifLevel(rule.level) },
            properties: { pack, scannerIds: rule.scannerIds ?? [], tags: ['security', pack] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}
