#!/usr/bin/env zx
// The whole workshop, stage by stage; see --help.
import { runLabEntry } from './lab-entry.mjs';

await runLabEntry(import.meta.url);
