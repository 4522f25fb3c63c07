// Bundle entry of the sign action (ncc → actions/sign/dist/index.js). The action itself is ../actions/sign.ts.
import { run } from '../actions/sign.js';

await run();
