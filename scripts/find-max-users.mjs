#!/usr/bin/env zx
// One workshop stage on its own: max-users. Same options as full-lab.mjs.
import { runLabEntry } from './lab-entry.mjs';

await runLabEntry(import.meta.url);
