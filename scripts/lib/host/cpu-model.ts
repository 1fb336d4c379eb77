import { readFile } from 'node:fs/promises';
import os from 'node:os';

/**
 * Keys that name the CPU in `/proc/cpuinfo`, by architecture: x86 `model name`;
 * MIPS `cpu model`; arm boards `Hardware` (the SoC) or `Model`; POWER `cpu`.
 * arm64 servers often name none (only part numbers): then `null`. The first
 * key found, in this order, wins.
 */
const KEYS = ['model name', 'cpu model', 'hardware', 'model', 'cpu'];

/**
 * The CPU model named in `/proc/cpuinfo` text, `null` when it names none.
 * On x86 the family, model and stepping numbers follow the name: VMs often
 * show a generic name (this lab's VM says only "Intel(R) Xeon(R) Processor"),
 * and the numbers still tell CPU generations apart.
 */
export function parseCpuModel(cpuinfo: string): string | null {
  const fields = new Map<string, string>();
  for (const line of cpuinfo.split('\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim().replace(/\s+/g, ' ');
    // Every core repeats the block; the first core's value names the package.
    if (value && !fields.has(key)) fields.set(key, value);
  }
  for (const key of KEYS) {
    const value = fields.get(key);
    // x86 and arm print `model` as a bare number, which names nothing on its own.
    if (!value || /^\d+$/.test(value)) continue;
    const [family, model, stepping] = ['cpu family', 'model', 'stepping'].map((k) => fields.get(k));
    const numbers = family && model && /^\d+$/.test(model) ? ` (family ${family}, model ${model}${stepping ? `, stepping ${stepping}` : ''})` : '';
    return value + numbers;
  }
  return null;
}

/**
 * The CPU model of this host, for the report and to tell hosts apart. Falls
 * back to what Node sees (it works on macOS and Windows too), then `unknown`:
 * a missing name must not stop a run.
 */
export async function readCpuModel(file = '/proc/cpuinfo'): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return (parseCpuModel(text) ?? os.cpus()[0]?.model?.trim()) || 'unknown';
}
