#!/usr/bin/env node
// The `chainbrain` command. The workspace runs TypeScript sources directly through tsx (docs/adr/0002).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
