/**
 * install: ocikit itself on PATH, as setup-oras puts oras there, so a workflow can
 * run the CLI's verbs that have no action (tag, resolve, tags, manifest, login).
 * The release workflow pushes the standalone binaries as one index
 * (`ocikit release`, `<registry>/<repository>:<version>`); this pulls the runner's
 * platform's binary from it with setup's own core (setup/install-release.ts: the
 * tool cache, core's pull, which checks every byte against its digest, the sha256 in
 * the release's SHA256SUMS). The default version is this action's own release.
 */
import { OCIKIT_VERSION, OcikitError, checkTag, parseReference } from '@ocikit/core';
import { type Env, getString } from '../inputs.js';
import { runAction } from '../run-action.js';
import { installRelease } from '../setup/install-release.js';
import { registryHosts, startStep } from '../target-options.js';

/** The index's tag for a `version` input: the release tags it with the bare version (`v1.2.3` is `1.2.3`). */
export function releaseTag(version: string): string {
  const tag = /^v\d/.test(version) ? version.slice(1) : version;
  try {
    checkTag(tag);
  } catch {
    throw new OcikitError('INVALID_INPUT', `input "version" is "${version.slice(0, 80)}", not a version of ocikit`, {
      hint: `a release's version, such as ${OCIKIT_VERSION} (or v${OCIKIT_VERSION}); leave it out for this action's own release`,
    });
  }
  return tag;
}

function releaseInputs(env: Env) {
  return () => {
    const tag = releaseTag(getString('version', env) || OCIKIT_VERSION);
    const registry = getString('registry', env);
    const repository = getString('repository', env);
    if (!registry || !repository) {
      throw new OcikitError('INVALID_INPUT', `input "${registry ? 'repository' : 'registry'}" is empty`, {
        hint: 'leave both out for ocikit\'s own releases (ghcr.io, ocikit/ocikit/cli), or name a mirror of them',
      });
    }
    const reference = parseReference(`${registry}/${repository}:${tag}`);
    return { reference, registries: registryHosts(reference) };
  };
}

export async function run(env: Env = process.env): Promise<void> {
  await runAction('install', async (secrets, signal) => {
    const { progress, connection, reference } = startStep(env, secrets, signal, releaseInputs(env));
    await installRelease({ action: 'install', name: 'ocikit', reference, connection, progress, env });
  });
}
