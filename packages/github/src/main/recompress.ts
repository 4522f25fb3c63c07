// Bundle entry of the recompress action (ncc → actions/recompress/dist/index.js). The action itself is ../actions/recompress.ts.
import { run } from '../actions/recompress.js';

await run();
