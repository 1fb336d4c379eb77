import Docker from 'dockerode';

/** One client per process; dockerode honours DOCKER_HOST like the CLI does. */
let client: Docker | null = null;

export function engine(): Docker {
  client ??= new Docker();
  return client;
}
