// Starts the import's parsing thread. Seamless runs TypeScript through tsx, whose loader a worker thread
// does not inherit, so the worker registers it before loading parse.worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./parse.worker.ts');
