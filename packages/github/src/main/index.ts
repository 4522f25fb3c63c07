// Bundle entry of the index action (ncc → actions/index/dist/index.js). The action itself is ../actions/index.ts.
import { run } from '../actions/index.js';

await run();
