// Bundle entry of the helm action (ncc → actions/helm/dist/index.js). The action itself is ../actions/helm.ts.
import { run } from '../actions/helm.js';

await run();
