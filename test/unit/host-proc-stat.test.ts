import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpuShares, hostCpuUse, parseProcStat } from '../../scripts/lib/host/proc-stat.ts';
import { LabError } from '../../scripts/lib/errors.ts';

// Recorded on the 2-core development VM, 2026-11-30 (the `intr` and `softirq`
// lines, a few KB of counters the parser skips, are left out). Idle pair: 3 s
// apart with nothing running; busy pair: 3 s apart while `sh -c 'while :; do :; done'`
// spun on one core.
const IDLE_A = `cpu  16907 0 5648 66236 841 0 288 9 0 0
cpu0 7896 0 2349 34633 58 0 15 2 0 0
cpu1 9010 0 3298 31603 783 0 272 6 0 0
ctxt 1783886
btime 1795999629
processes 23778
procs_running 1
procs_blocked 0
`;
const IDLE_B = `cpu  16908 0 5649 66833 841 0 288 9 0 0
cpu0 7897 0 2349 34932 58 0 15 2 0 0
cpu1 9011 0 3299 31900 783 0 272 6 0 0
ctxt 1784788
btime 1795999629
processes 23781
procs_running 2
procs_blocked 0
`;
const BUSY_B = `cpu  17209 0 5651 67130 841 0 288 9 0 0
cpu0 7897 0 2351 35229 58 0 15 2 0 0
cpu1 9311 0 3300 31900 783 0 272 6 0 0
ctxt 1785674
btime 1795999629
processes 23789
procs_running 2
procs_blocked 0
`;
const close = (actual: number | null, expected: number, eps = 1e-9) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < eps, `${actual} ≈ ${expected}`);

test('parses the aggregate cpu line and counts the CPUs', () => {
  const r = parseProcStat(IDLE_A, 1796000082710);
  assert.equal(r.cpu, { user: 16907, nice: 0, system: 5648, idle: 66236, iowait: 841, irq: 0, softirq: 288, steal: 9, guest: 0, guestNice: 0 });
  assert.is(r.cpuCount, 2);
  assert.is(r.tMs, 1796000082710);
});

test('idle pair: almost all idle, shares add up to 1', () => {
  const s = cpuShares(parseProcStat(IDLE_A, 1796000082710), parseProcStat(IDLE_B, 1796000085715));
  // user +1, system +1, idle +597: 599 ticks (2 CPUs x 3 s x 100 Hz, less rounding).
  close(s.busy, 2 / 599);
  close(s.idle, 597 / 599);
  close(s.steal, 0);
  close(s.seconds, 3.005);
});

test('one core spinning on a 2-core host reads half busy', () => {
  const s = cpuShares(parseProcStat(IDLE_B, 1796000085718), parseProcStat(BUSY_B, 1796000088723));
  close(s.busy, (301 + 2) / 600);
  close(s.idle, 297 / 600);
  assert.ok(s.busy > 0.49 && s.busy < 0.52);
});

test('outside-lab use: the lab\'s CPU seconds are taken off the busy share', () => {
  const before = parseProcStat(IDLE_B, 1796000085718);
  const after = parseProcStat(BUSY_B, 1796000088723);
  // Had the spinning loop been the lab's (one core for the 3.005 s), nothing was left outside it.
  const asLab = hostCpuUse(before, after, 3.005, 2);
  close(asLab.outsideLab, 303 / 600 - 0.5);
  // Half of it the lab's: a quarter of the host outside.
  close(hostCpuUse(before, after, 1.5025, 2).outsideLab, 303 / 600 - 0.25);
  // More lab time than the host was busy (clock skew) clamps at 0.
  close(hostCpuUse(before, after, 4, 2).outsideLab, 0);
  const unknown = hostCpuUse(before, after, null, 2);
  assert.is(unknown.outsideLab, null);
  close(unknown.busy, 303 / 600);
  close(unknown.seconds, 3.005);
});

test('steal is its own share; guest time is inside user and not counted twice (handmade)', () => {
  const a = parseProcStat('cpu  1000 0 500 8000 0 0 0 100 400 0\n', 0);
  // 100 user ticks of which 80 ran a guest, 50 stolen, 850 idle.
  const b = parseProcStat('cpu  1100 0 500 8850 0 0 0 150 480 0\n', 10_000);
  const s = cpuShares(a, b);
  close(s.busy, 100 / 1000);
  close(s.steal, 50 / 1000);
  close(s.idle, 850 / 1000);
  assert.is(b.cpuCount, 0);
});

test('an old kernel\'s short cpu line counts missing columns as 0', () => {
  const r = parseProcStat('cpu  10 1 5 100\ncpu0 10 1 5 100\n', 0);
  assert.equal(r.cpu, { user: 10, nice: 1, system: 5, idle: 100, iowait: 0, irq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0 });
});

test('a file without a valid cpu line is a LabError with a fix', () => {
  for (const text of ['', 'intr 1 2 3\n', 'cpu  1 2 x 4\n', 'cpu 1 2\n']) {
    try {
      parseProcStat(text, 0);
      assert.unreachable(`accepted ${JSON.stringify(text)}`);
    } catch (err) {
      assert.instance(err, LabError);
      assert.ok((err as LabError).hint);
    }
  }
});

test('swapped readings are refused, not turned into negative shares', () => {
  assert.throws(() => cpuShares(parseProcStat(BUSY_B, 2), parseProcStat(IDLE_A, 1)), /older/);
});

test.run();
