/** Where `export-k8s.mjs` writes inside a run folder, and the files it writes; the report links them when present. */
export const K8S_DIR = 'k8s';
export const K8S_FILES = ['api.yaml', 'locust.yaml'] as const;
