// Bundle entry of the discover action (ncc → actions/discover/dist/index.js). The action itself is ../actions/discover.ts.
import { run } from '../actions/discover.js';

await run();
