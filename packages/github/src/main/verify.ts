// Bundle entry of the verify action (ncc → actions/verify/dist/index.js). The action itself is ../actions/verify.ts.
import { run } from '../actions/verify.js';

await run();
