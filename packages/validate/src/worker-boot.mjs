// A worker thread starts here: its sources are TypeScript run in place, so register tsx first.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
