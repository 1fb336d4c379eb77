import * as assert from 'uvu/assert';
import { InputError } from '../../scripts/lib/collect/input-error.ts';

/** Runs `run`, which must throw an InputError, and returns it for the test to read. */
export function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    assert.instance(error, InputError);
    return error as InputError;
  }
  throw new assert.Assertion({ message: 'expected an InputError', operator: 'throws', expects: 'InputError', actual: 'no error' });
}
