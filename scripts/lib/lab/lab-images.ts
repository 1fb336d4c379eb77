// Moved to docker/lab-images.ts (issue 9: image constants belong to the docker layer,
// not to the orchestrator above it). This re-export only keeps compose/trial-compose.ts
// building until its import names docker/lab-images.ts; delete the file then.
export { NGINX_IMAGE } from '../docker/lab-images.ts';
