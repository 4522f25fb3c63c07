/** Kept equal to package.json's version by a test. */
export const OCIKIT_VERSION = '0.1.0';
export const USER_AGENT = `ocikit/${OCIKIT_VERSION}`;
