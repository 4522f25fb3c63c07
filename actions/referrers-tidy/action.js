// The referrers-tidy action: its code is a chunk of the one bundle every action runs (npm run build:actions).
import { run } from '../../dist/actions.js';

await run('referrers-tidy');
