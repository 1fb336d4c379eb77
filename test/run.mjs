// Runs one uvu suite folder and fails when any test did not pass. uvu itself
// exits 0 when a `before` hook throws (its tests then count as neither passed
// nor failed), which would turn a broken setup into a green run.
import { spawn } from 'node:child_process';

const [dir, pattern = '.test.ts'] = process.argv.slice(2);
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', dir, pattern], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (label) => Number(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(plain)?.[1] ?? 0);
  const total = count('Total');
  const passed = count('Passed');
  const skipped = count('Skipped');
  // uvu counts skipped tests outside its total.
  const failed = total - passed;
  console.log(`${dir}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (total === 0) console.error(`${dir}: no test ran`);
  process.exit(code !== 0 || failed > 0 || total === 0 ? 1 : 0);
});
