// One seed for every property test of a run, printed, and taken from
// OCIKIT_PROPERTY_SEED when set: a failure found on one seed is replayed exactly with
// `OCIKIT_PROPERTY_SEED=<seed> npm test -- <file>` (fast-check's own failure message
// adds the seed and the path of the shrunk case too).
import fc from 'fast-check';

const given = process.env.OCIKIT_PROPERTY_SEED;
export const PROPERTY_SEED = given !== undefined && given !== '' ? Number(given) : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
if (!Number.isSafeInteger(PROPERTY_SEED)) throw new Error(`OCIKIT_PROPERTY_SEED="${given}" is not an integer`);

fc.configureGlobal({ seed: PROPERTY_SEED });
console.log(`property tests: seed ${PROPERTY_SEED} (replay with OCIKIT_PROPERTY_SEED=${PROPERTY_SEED})`);
