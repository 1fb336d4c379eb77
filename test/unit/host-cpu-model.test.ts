import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCpuModel, readCpuModel } from '../../scripts/lib/host/cpu-model.ts';

// First block of /proc/cpuinfo on the development VM, 2026-11-30 (flags cut short).
const XEON_VM = `processor	: 0
vendor_id	: GenuineIntel
cpu family	: 6
model		: 207
model name	: Intel(R) Xeon(R) Processor
stepping	: 2
microcode	: 0x1
cpu MHz		: 2300.000
cache size	: 266240 KB
cpu cores	: 2
flags		: fpu vme de pse tsc msr pae mce cx8 apic sep

processor	: 1
vendor_id	: GenuineIntel
cpu family	: 6
model		: 207
model name	: Intel(R) Xeon(R) Processor
stepping	: 2
`;

test('x86: the model name, with family, model and stepping to tell a generic VM name apart', () => {
  assert.is(parseCpuModel(XEON_VM), 'Intel(R) Xeon(R) Processor (family 6, model 207, stepping 2)');
});

test('x86 without the numbers keeps the name alone; spaces are squeezed', () => {
  assert.is(parseCpuModel('model name\t:   AMD  EPYC 7B13 64-Core Processor  \n'), 'AMD EPYC 7B13 64-Core Processor');
});

test('arm board: Hardware names the SoC (handmade, Raspberry Pi layout)', () => {
  const pi = 'processor\t: 0\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd08\n\nHardware\t: BCM2835\nRevision\t: c03114\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n';
  assert.is(parseCpuModel(pi), 'BCM2835');
});

test('arm64 server with only part numbers, or nothing at all: null', () => {
  const graviton = 'processor\t: 0\nBogoMIPS\t: 243.75\nFeatures\t: fp asimd evtstrm\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x1\nCPU part\t: 0xd0c\nCPU revision\t: 1\n';
  assert.is(parseCpuModel(graviton), null);
  assert.is(parseCpuModel(''), null);
});

test('POWER names it under cpu (handmade)', () => {
  assert.is(parseCpuModel('processor\t: 0\ncpu\t\t: POWER9 (raw), altivec supported\nclock\t\t: 2166.000000MHz\n'), 'POWER9 (raw), altivec supported');
});

test('reader: this host gives a name, a missing file falls back instead of failing', async () => {
  assert.ok((await readCpuModel()).length > 0);
  assert.ok((await readCpuModel('/nonexistent/cpuinfo')).length > 0);
});

test.run();
