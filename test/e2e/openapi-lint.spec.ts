import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/paths.js';

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

describe('openapi.yaml lint', () => {
  it('is clean under Redocly CLI’s recommended rules (redocly.yaml), warnings included', () => {
    const cli = join(REPO_ROOT, 'node_modules/@redocly/cli/bin/cli.js');
    const run = spawnSync(process.execPath, [cli, 'lint', 'openapi.yaml', '--format=json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    assert.ok(run.stdout.trim().startsWith('{'), `no JSON report from Redocly:\n${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as LintReport;
    const problems = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
    assert.deepEqual(problems, []);
    assert.equal(run.status, 0);
  });
});
