import { engine } from './engine.ts';

export interface EngineEvent {
  /** Unix milliseconds. */
  t: number;
  /** `start`, `die`, `oom`, `kill`, ... */
  action: string;
  /** Container ID. */
  id: string;
  /** Compose service label, or the swarm service's name inside its stack (`api`, not `stack_api`), when present. */
  service: string | null;
  /** Exit code on `die`. */
  exitCode: number | null;
  /** Signal number on `kill`. */
  signal: number | null;
}

export interface EventWatch {
  events: EngineEvent[];
  /** Resolves with the first event matching `predicate` seen from now on (or already seen). */
  next(predicate: (e: EngineEvent) => boolean): Promise<EngineEvent>;
  stop(): void;
}

/**
 * Streams the engine's container events for one label filter. OOM kills show
 * up here as `oom` followed by `die` with exit code 137, often before inspect
 * would tell.
 */
export async function watchEvents(labelFilter: string[]): Promise<EventWatch> {
  const stream = (await engine().getEvents({
    filters: { type: ['container'], label: labelFilter },
  })) as NodeJS.ReadableStream & { destroy?: () => void };
  const events: EngineEvent[] = [];
  const waiters: { predicate: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void }[] = [];
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      const event = toEvent(JSON.parse(line));
      events.push(event);
      for (const w of [...waiters]) {
        if (w.predicate(event)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
      }
    }
  });
  stream.on('error', () => undefined);
  return {
    events,
    next(predicate) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    stop() {
      stream.destroy?.();
    },
  };
}

interface RawEvent {
  Action?: string;
  status?: string;
  id?: string;
  timeNano?: number;
  time?: number;
  Actor?: { Attributes?: Record<string, string> };
}

function toEvent(raw: RawEvent): EngineEvent {
  const attrs = raw.Actor?.Attributes ?? {};
  const exit = attrs.exitCode;
  return {
    t: raw.timeNano ? Math.round(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
    action: (raw.Action ?? raw.status ?? '').split(':')[0]!,
    id: raw.id ?? '',
    service: attrs['com.docker.compose.service'] ?? swarmService(attrs),
    exitCode: exit !== undefined && exit !== '' ? Number(exit) : null,
    signal: attrs.signal ? Number(attrs.signal) : null,
  };
}

/** A swarm task's service, named as in the stack file: swarm prefixes it with the stack's name. */
function swarmService(attrs: Record<string, string>): string | null {
  const name = attrs['com.docker.swarm.service.name'];
  if (!name) return null;
  const stack = attrs['com.docker.stack.namespace'];
  return stack && name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name;
}
