import type { FlagSpec } from '../util/flag-spec.ts';
import { STAGES, type StageName } from '../plan/lab-config.ts';
import { LAB_CONFIG_FLAGS, TARGET_USERS_FLAG } from '../plan/lab-flags.ts';
import { TRIAL_PLAN_FLAGS } from '../plan/trial-flags.ts';
import { REPORT_LANGS } from '../report/i18n.ts';
import type { EntrySpec } from './entry-spec.ts';

// Every entry script's arguments and flags, declared once. scripts/bootstrap.mjs
// parses with these and prints the help made from them; test/unit/cli-flags.test.ts
// checks that each script reads only flags declared here.

const COMMON: readonly FlagSpec[] = [
  { name: 'help', short: 'h', kind: 'switch', help: 'this help' },
  { name: 'verbose', kind: 'switch', help: 'stack traces on errors' },
];

const LANG: FlagSpec = { name: 'lang', kind: 'choice', choices: REPORT_LANGS, default: 'en', help: 'language of the report' };

const CI: readonly FlagSpec[] = [
  { name: 'fail-on-slo', kind: 'switch', help: 'exit 3 when an SLO check failed (after writing everything)' },
  { name: 'summary', kind: 'value', value: 'FILE', help: 'also append the markdown summary to FILE (e.g. "$GITHUB_STEP_SUMMARY")' },
  { name: 'junit', kind: 'value', value: 'FILE', help: 'also write the SLO checks as JUnit XML to FILE' },
];

const PDF: FlagSpec = {
  name: 'pdf', kind: 'switch',
  help: 'also print the report to PDF beside it (index.pdf; index.es.pdf for index.es.html) and the summary to summary.png, with Chromium (CHROMIUM_PATH, or /usr/bin/chromium)',
};

const REPORTS_DIR: FlagSpec = { name: 'reports-dir', kind: 'value', value: 'DIR', shownDefault: 'reports/', help: 'where run folders go' };

const PLAN_NOTES = [
  'A plan file overrides any profile value; unknown keys and values of the wrong kind are refused before',
  'anything starts. JSON, or YAML 1.2 in a .yaml/.yml file:',
  '  slo:',
  '    p95Ms: 500',
  '  sweep:',
  '    users: 50',
  '    cpus: [0.5, 1]',
  'A target: section (or --compose-file FILE --service NAME, or --image) names the API under test; without one the lab',
  'tests its demo API. See "Test your own API" in the README.',
  'ci-summary.md and junit.xml are always written to the run folder.',
];

/** The seven one-stage scripts, each running one stage of full-lab.mjs with the same options. */
export const STAGE_SCRIPTS: { readonly [S in StageName]: string } = {
  publish: 'publish-image.mjs',
  deploy: 'deploy.mjs',
  'memory-floor': 'find-memory-floor.mjs',
  sweep: 'sweep-resources.mjs',
  replicas: 'scale-replicas.mjs',
  workers: 'compare-workers.mjs',
  'max-users': 'find-max-users.mjs',
};

function labEntry(script: string, stage?: StageName): EntrySpec {
  return {
    script,
    summary: stage
      ? `Runs one workshop stage, ${stage}, with the same options as full-lab.mjs (--only is set to it).`
      : `Runs the whole workshop in order (${STAGES.join(', ')}), then prints the report's path.`,
    args: [],
    flags: [
      ...LAB_CONFIG_FLAGS,
      REPORTS_DIR,
      { name: 'resume', kind: 'value', value: 'RUN_DIR', help: 'continue a stopped run: finished trials are kept, the rest runs (same options as before)' },
      ...CI,
      PDF,
      ...COMMON,
    ],
    notes: PLAN_NOTES,
    ...(stage ? { stage } : {}),
  };
}

const ENTRIES: readonly EntrySpec[] = [
  labEntry('full-lab.mjs'),
  ...STAGES.map((stage) => labEntry(STAGE_SCRIPTS[stage], stage)),
  {
    script: 'run-trial.mjs',
    summary: 'Runs one trial from flags: your own image, or one setup of the demo API. Values not given come from the profile.',
    args: [],
    flags: [...TRIAL_PLAN_FLAGS, REPORTS_DIR, ...COMMON],
    notes: [
      'example: npx zx scripts/run-trial.mjs --image myorg/my-api:1.2 --command "uvicorn main:app --host 0.0.0.0 --port 8000" \\',
      '           --cpus 1 --memory 1.5G --users 50 --run-time 2m',
      'The API must listen on port 8000 and answer GET /health with 200 once it can serve.',
    ],
  },
  {
    script: 'render-report.mjs',
    summary: 'Renders <run folder>/index.html again from its lab-result.json and the raw files next to it; needs no Docker.',
    args: [{ name: 'run folder', required: true, help: 'a folder under reports/ with a lab-result.json' }],
    flags: [
      LANG,
      { name: 'file', kind: 'value', value: 'NAME', shownDefault: 'index.html', help: 'file name of the report inside the run folder (e.g. index.es.html)' },
      ...CI,
      PDF,
      ...COMMON,
    ],
    notes: [],
  },
  {
    script: 'analyze-run.mjs',
    summary: "Runs the end-of-run analyses again on a finished run folder (the capacity plan, the answers on the reference host) and rewrites its lab-result.json; runs no trial, needs no Docker.",
    args: [{ name: 'run folder', required: true, help: 'a folder under reports/ with a lab-result.json' }],
    flags: [TARGET_USERS_FLAG, ...COMMON],
    notes: ['Render the report again afterwards: npx zx scripts/render-report.mjs <run folder>'],
  },
  {
    script: 'render-index.mjs',
    summary: 'Writes index.html in the reports folder: every run folder with its date, profile and key answers.',
    args: [{ name: 'reports folder', required: false, help: 'the folder that holds the run folders (default: reports/)' }],
    flags: [LANG, ...COMMON],
    notes: [],
  },
  {
    script: 'compare-runs.mjs',
    summary: "Compares two run folders side by side (B against A) in an HTML page; needs no Docker.",
    args: [
      { name: 'run folder A', required: true, help: 'the first run' },
      { name: 'run folder B', required: true, help: 'the run compared with it' },
    ],
    flags: [
      { name: 'check', kind: 'switch', help: "hold the two runs' key answers to each other; exit 1 when one disagrees" },
      { name: 'out', kind: 'value', value: 'FILE', shownDefault: 'compare-A-vs-B.html next to the runs', help: 'where the page goes' },
      LANG,
      ...COMMON,
    ],
    notes: [],
  },
  {
    script: 'export-k8s.mjs',
    summary: "Writes Kubernetes manifests sized from a run's answers into <run folder>/k8s/, validated offline against the Kubernetes schema; needs no Docker or cluster.",
    args: [{ name: 'run folder', required: true, help: 'a finished run folder with a max-users answer' }],
    flags: [
      { name: 'out', kind: 'value', value: 'DIR', shownDefault: '<run folder>/k8s', help: 'where the manifests go' },
      ...COMMON,
    ],
    notes: ['The API Deployment gets the measured limits, probes from the health check, the capacity plan\'s replicas and an HPA; Locust runs as a master and worker Deployments with the run\'s locustfile in a ConfigMap.'],
  },
  {
    script: 'prepare-images.mjs',
    summary: "Makes the base image if needed and builds the lab's images (unchanged ones are skipped).",
    args: [],
    flags: COMMON,
    notes: [],
  },
  {
    script: 'bench-report.mjs',
    summary: 'Benchmark (not a test): renders a synthetic large run and prints render time, peak memory and report size against their goals.',
    args: [],
    flags: [
      { name: 'trials', kind: 'value', value: 'N', default: '200', help: 'trials in the synthetic run' },
      { name: 'seconds', kind: 'value', value: 'S', default: '600', help: 'seconds of 1 Hz history per trial' },
      LANG,
      { name: 'keep', kind: 'switch', help: 'keep the synthetic run folder and print its path' },
      { name: 'render', kind: 'value', value: 'DIR', help: 'internal: render DIR and print the measurements as JSON (the benchmark runs itself with it)' },
      ...COMMON,
    ],
    notes: [],
  },
];

/** Every entry script's declaration. */
export function entrySpecs(): readonly EntrySpec[] {
  return ENTRIES;
}

/** The declaration of `scripts/<script>`; a script without one is a bug. */
export function entrySpec(script: string): EntrySpec {
  const entry = ENTRIES.find((e) => e.script === script);
  if (!entry) throw new Error(`scripts/${script} has no flag declaration in scripts/lib/cli/entries.ts`);
  return entry;
}
