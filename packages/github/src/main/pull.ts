// Bundle entry of the pull action (ncc → actions/pull/dist/index.js). The action itself is ../actions/pull.ts.
import { run } from '../actions/pull.js';

await run();
