// Bundle entry of the release action (ncc → actions/release/dist/index.js). The action itself is ../actions/release.ts.
import { run } from '../actions/release.js';

await run();
