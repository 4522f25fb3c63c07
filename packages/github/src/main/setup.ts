// Bundle entry of the setup action (ncc → actions/setup/dist/index.js). The action itself is ../actions/setup.ts.
import { run } from '../actions/setup.js';

await run();
