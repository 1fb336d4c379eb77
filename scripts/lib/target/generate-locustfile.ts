import type { HttpMethod } from './types.ts';

/** What a generated locustfile sends: the body is already built (from a file, a JSON Schema or an OpenAPI document). */
export interface GeneratedTraffic {
  method: HttpMethod;
  /** Path on the API; also the row name in Locust's statistics. */
  path: string;
  /** The JSON body, or `undefined` to send none. */
  body: unknown;
  /** Default think time; LOCUST_WAIT_MIN / LOCUST_WAIT_MAX (the plan's waitS) override it at run time. */
  thinkTimeS: { min: number; max: number };
  /** One line on where the body came from, for the file's docstring, e.g. `built from POST /predict in /openapi.json`. */
  bodySource: string | null;
  /** The target's name, for the docstring. */
  targetName: string;
}

/**
 * Locust Python source for a target without a locustfile: every user sends
 * one request and waits its think time, and the lab's step ramp is there
 * when LOCUST_STEPS is set, as in the demo's locustfile. Every value from the
 * target is embedded as a Python string literal (a JSON string literal with
 * non-ASCII characters escaped, which Python reads the same); the body is
 * `json.loads` of one, so JSON's true/false/null never meet Python.
 */
export function generateLocustfile(t: GeneratedTraffic): string {
  const hasBody = t.body !== undefined;
  const doc = [
    `Written by Locust Lab for target ${t.targetName}: every user sends ${t.method} ${t.path}${hasBody ? ' with a JSON body' : ''}, then waits ${t.thinkTimeS.min}-${t.thinkTimeS.max} s.`,
    ...(hasBody && t.bodySource ? ['', `Body: ${t.bodySource}.`] : []),
    '',
    'Environment (optional): LOCUST_WAIT_MIN, LOCUST_WAIT_MAX override the think time;',
    'LOCUST_STEPS, LOCUST_STEP_SECONDS, LOCUST_STEP_SPAWN_RATE run the lab\'s step ramp.',
  ].join('\n');
  return `${pyStr(doc)}
import json
import os

import locust.stats
from locust import HttpUser, between, task

# Flush the history CSV on every write, as the lab's own locustfile does (Locust 2.12 lost the last rows otherwise).
locust.stats.CSV_STATS_FLUSH_INTERVAL_SEC = 0

METHOD = ${pyStr(t.method)}
PATH = ${pyStr(t.path)}
BODY = ${hasBody ? `json.loads(${pyStr(JSON.stringify(t.body))})` : 'None'}
WAIT_MIN = float(os.environ.get("LOCUST_WAIT_MIN", ${pyStr(String(t.thinkTimeS.min))}))
WAIT_MAX = float(os.environ.get("LOCUST_WAIT_MAX", ${pyStr(String(t.thinkTimeS.max))}))


class TargetUser(HttpUser):
    wait_time = between(WAIT_MIN, WAIT_MAX)

    @task
    def send(self):
        ${hasBody ? 'self.client.request(METHOD, PATH, json=BODY, name=PATH)' : 'self.client.request(METHOD, PATH, name=PATH)'}


# The lab's step ramp, only when it asks for one (a LoadTestShape always takes over).
if os.environ.get("LOCUST_STEPS"):
    from locust import LoadTestShape

    STEPS = [int(n) for n in os.environ["LOCUST_STEPS"].split(",")]
    STEP_SECONDS = float(os.environ.get("LOCUST_STEP_SECONDS", "20"))
    STEP_SPAWN_RATE = float(os.environ.get("LOCUST_STEP_SPAWN_RATE", "10"))

    class StepRamp(LoadTestShape):
        def tick(self):
            step = int(self.get_run_time() // STEP_SECONDS)
            if step >= len(STEPS):
                return None
            return STEPS[step], STEP_SPAWN_RATE
`;
}

/**
 * A Python string literal with the same value: JSON's escapes (\\" \\\\ \\n
 * \\t \\b \\f \\r \\uXXXX) mean the same in Python, and every non-ASCII code
 * point is escaped (\\uXXXX, or \\UXXXXXXXX beyond the BMP, which Python does
 * not pair from surrogates), so the file is plain ASCII.
 */
export function pyStr(s: string): string {
  let out = '';
  for (const ch of JSON.stringify(s)) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x7f ? ch : cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  return out;
}
