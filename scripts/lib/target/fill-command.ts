import { LabError } from '../errors.ts';
import { SETUP_PLACEHOLDERS, type TargetSetup } from './types.ts';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Placeholder names used in an argv template, in order of first use. */
export function placeholdersOf(template: readonly string[]): string[] {
  const names = template.flatMap((arg) => [...arg.matchAll(PLACEHOLDER)].map((m) => m[1]!));
  return [...new Set(names)];
}

/** The argv of one setup at one worker count: `{workers}` and `{port}` replaced in every argument. */
export function fillCommand(template: readonly string[], values: { workers: number; port: number }): string[] {
  return template.map((arg) =>
    arg.replace(PLACEHOLDER, (whole, name: string) => {
      if (!(SETUP_PLACEHOLDERS as readonly string[]).includes(name)) {
        throw new LabError(`Command template "${template.join(' ')}" uses ${whole}, which the lab does not fill.`, `Use only ${SETUP_PLACEHOLDERS.map((p) => `{${p}}`).join(' and ')}.`);
      }
      return String(values[name as keyof typeof values]);
    }),
  );
}

/** Whether the setup's process count follows `{workers}` (otherwise it is fixed by its command). */
export const scalesWithWorkers = (setup: Pick<TargetSetup, 'command'>): boolean => placeholdersOf(setup.command).includes('workers');
