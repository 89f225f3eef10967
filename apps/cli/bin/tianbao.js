#!/usr/bin/env node
// The sources are TypeScript run in place: register tsx, then start the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
