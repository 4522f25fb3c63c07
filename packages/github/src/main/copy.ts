// Bundle entry of the copy action (ncc → actions/copy/dist/index.js). The action itself is ../actions/copy.ts.
import { run } from '../actions/copy.js';

await run();
