// Bundle entry of the push action (ncc → dist/index.js). The action itself is ../actions/push.ts.
import { run } from '../actions/push.js';

await run();
