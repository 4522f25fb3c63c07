// Bundle entry of the attach action (ncc → actions/attach/dist/index.js). The action itself is ../actions/attach.ts.
import { run } from '../actions/attach.js';

await run();
