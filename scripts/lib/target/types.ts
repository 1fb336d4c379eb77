/**
 * What the lab tests: one API, described the same way whether it is the
 * built-in demo (`demo-target.ts`), a `target:` section of a plan file
 * (`read-target.ts`) or a service of the user's compose file
 * (`import-compose.ts`). `check-target.ts` validates it.
 *
 * Paths (build context, body files, locustfile) may be relative: they are
 * relative to the folder of the file that described the target (the repo root
 * for the demo), and `resolveTargetPaths` makes them absolute.
 *
 * NOTE: the keys are the plan file's `target:` keys.
 */
export interface Target {
  /** Short name for labels and folder names, e.g. `demo` or `node-score`; lowercase letters, digits and dashes. */
  name: string;
  /** The image the API runs, and how to build it when the lab should. */
  image: TargetImage;
  /** Port the API listens on inside its container (1-65535); Locust and the health check use it. */
  port: number;
  /** How the lab knows the API is ready, and how long it waits. */
  health: HealthCheck;
  /**
   * The command the API container runs, as an argv list; `null` keeps the
   * image's own CMD. A shell string from a plan or compose file is split the
   * way a shell would (`util/split-command.ts`) before it lands here.
   */
  command: string[] | null;
  /** Environment of the API container. Secret-looking names are redacted wherever they are shown or stored. */
  env: Record<string, string>;
  /**
   * Existing Docker networks the API must join, by their engine name (like the
   * workshop's `proyecto-2_default`, where MLflow and MinIO live). The lab
   * joins them and never creates or removes them. Empty: the lab's own network.
   */
  networks: string[];
  /** One request sent after the health check passes and before Locust starts (loads a lazy model once); `null` sends none. */
  warmup: WarmupSpec | null;
  /** The traffic: a locustfile, or what to generate one from. */
  locust: LocustSpec;
  /**
   * Named server setups the workers stage compares. Empty: the target has one
   * fixed command and the workers stage is skipped with that reason.
   */
  setups: TargetSetup[];
}

/** The image reference, and an optional build that produces it. */
export interface TargetImage {
  /** Image reference the API container runs, e.g. `jrpenagu/fast-api-mlflow:latest`; also the tag a build gets. */
  ref: string;
  /** Build the image from a context before the run; `null`: the image must already exist (or be pullable). */
  build: ImageBuildSpec | null;
}

export interface ImageBuildSpec {
  /** Build context folder. */
  context: string;
  /** Dockerfile path inside the context; `null`: `Dockerfile`. */
  dockerfile: string | null;
  /** `--build-arg` values. */
  args: Record<string, string>;
}

/** Ready means an HTTP answer with the expected status, or only a TCP port that accepts connections. */
export type HealthCheck = HttpHealthCheck | TcpHealthCheck;

export interface HttpHealthCheck {
  kind: 'http';
  /** Path the lab polls with GET, starting with `/`, e.g. `/health` or `/healthz`. */
  path: string;
  /** The status that means ready (100-599), usually 200. */
  status: number;
  /** Seconds to wait before the trial is called unhealthy; `null`: the profile's `healthTimeoutS`. */
  timeoutS: number | null;
}

export interface TcpHealthCheck {
  kind: 'tcp';
  /** Seconds to wait for the port to accept a connection; `null`: the profile's `healthTimeoutS`. */
  timeoutS: number | null;
}

/** HTTP methods a warm-up or a generated locustfile may send. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface WarmupSpec {
  /** HTTP method, e.g. `POST`. */
  method: HttpMethod;
  /** Path on the API, starting with `/`, e.g. `/predict`. */
  path: string;
  /** JSON file sent as the body; `null` sends none. */
  bodyFile: string | null;
  /** Seconds to wait for the answer (a lazy model load can take a while). */
  timeoutS: number;
}

export interface LocustSpec {
  /** The locustfile to run; `null`: the lab generates one from `request` (`generate-locustfile.ts`). */
  file: string | null;
  /** Extra environment for every Locust process (the lab's own variables win). */
  env: Record<string, string>;
  /** What a generated locustfile sends; required when `file` is `null`, ignored otherwise. */
  request: LoadRequest | null;
}

/** The one request every simulated user repeats in a generated locustfile. */
export interface LoadRequest {
  /** HTTP method. */
  method: HttpMethod;
  /** Path on the API, starting with `/`; also the row name in Locust's statistics. */
  path: string;
  /** Where the JSON body comes from; `null` sends none. */
  body: BodySource | null;
  /** Seconds each user waits between requests (Locust's `between(min, max)`); the plan's `waitS` may override it. */
  thinkTimeS: { min: number; max: number };
}

/**
 * A JSON body: a file as is; an example built from a JSON Schema file; or the
 * request body of `method path` in an OpenAPI document, read from a file or
 * served by the API itself (`/openapi.json` for FastAPI).
 */
export type BodySource =
  | { kind: 'file'; file: string }
  | { kind: 'json-schema'; file: string }
  | { kind: 'openapi'; file: string | null; apiPath: string | null };

/**
 * One way of serving the API for the workers stage, tried with each worker
 * count in `workers`.
 */
export interface TargetSetup {
  /** Unique among the target's setups; lowercase letters, digits and dashes (it names trials). */
  name: string;
  /** Image for this setup; `null`: the target's image. */
  image: string | null;
  /** Argv template; `{workers}` and `{port}` are replaced in each argument (`fill-command.ts`). */
  command: string[];
  /** Worker counts to try; a command without `{workers}` runs one fixed process count, so it lists one value. */
  workers: number[];
}

/** Placeholders a setup's command may use. */
export const SETUP_PLACEHOLDERS = ['workers', 'port'] as const;
