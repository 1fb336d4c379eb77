import { engine } from '../docker/engine.ts';
import { API_SERVICE } from '../compose/trial-compose.ts';

/** `api` alone, `api-1`, `api-2` ... for replicas: stats samples and outcomes use these names. */
export const apiName = (i: number, n: number) => (n > 1 ? `${API_SERVICE}-${i + 1}` : API_SERVICE);

export async function allRunning(ids: string[]): Promise<boolean> {
  const states = await Promise.all(ids.map((id) => engine().getContainer(id).inspect().then((i) => i.State.Running, () => false)));
  return states.every(Boolean);
}
