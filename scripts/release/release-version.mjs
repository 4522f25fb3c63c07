// The version a release is made of: @ocikit/core and @ocikit/cli have one, and a
// release tag names it (`v<version>`). What a tag implies for publishing is decided
// here, once: a prerelease (1.2.0-rc.1) is published under npm's `next`, marked a
// prerelease on GitHub, and moves no major tag.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The version of the release, read from the two published packages; they must agree. */
export async function releaseVersion(root) {
  const read = async (name) => JSON.parse(await readFile(join(root, 'packages', name, 'package.json'), 'utf8'));
  const [cli, core] = await Promise.all([read('cli'), read('core')]);
  if (cli.version !== core.version) throw new Error(`@ocikit/cli is ${cli.version} and @ocikit/core ${core.version}\n  hint: a release has one version: set both`);
  return cli.version;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$/;

/**
 * What the tag `tag` publishes when the packages are at `version`: throws unless the tag
 * is exactly `v<version>` (a release must not publish what the tag does not name).
 */
export function releaseOfTag(tag, version) {
  const semver = SEMVER.exec(version);
  if (!semver) throw new Error(`the package version '${version}' is not a semantic version (1.2.3 or 1.2.3-rc.1)`);
  if (tag !== `v${version}`) {
    throw new Error(`the tag '${tag}' does not name the package version ${version}\n  hint: tag the commit v${version}, or set the version of packages/core and packages/cli (and OCIKIT_VERSION in packages/core/src/version.ts) to the tag's before tagging`);
  }
  const prerelease = semver[4] !== undefined;
  return { tag, version, major: `v${semver[1]}`, prerelease, npmTag: prerelease ? 'next' : 'latest' };
}
