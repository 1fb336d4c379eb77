import type { StageCheck } from './slo-checks.ts';

/** Escapes text for XML content and attribute values, and drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * JUnit XML with one testsuite per check kind (`slo`, `lab`) and one testcase
 * per stage verdict, the format CI systems (GitHub, GitLab, Jenkins) show as
 * test results. A failing check carries its sentence as the failure message.
 */
export function junitXml(runId: string, checks: readonly StageCheck[]): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const suites = (['slo', 'lab'] as const).map((kind) => {
    const own = checks.filter((check) => check.kind === kind);
    const failures = own.filter((check) => !check.pass).length;
    const time = own.reduce((sum, check) => sum + check.durationMs, 0);
    const cases = own.map((check) => {
      const open = `    <testcase classname="locust-lab.${escapeXml(kind)}.${escapeXml(check.stage)}" name="${escapeXml(check.name)}" time="${seconds(check.durationMs)}"`;
      return check.pass
        ? `${open}>\n      <system-out>${escapeXml(check.message)}</system-out>\n    </testcase>`
        : `${open}>\n      <failure message="${escapeXml(check.message)}" type="${kind === 'slo' ? 'SloNotMet' : 'StageVerdict'}">${escapeXml(check.message)}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="locust-lab ${kind} · ${escapeXml(runId)}" tests="${own.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(time)}">\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`;
  });
  const failures = checks.filter((check) => !check.pass).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="locust-lab" tests="${checks.length}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
