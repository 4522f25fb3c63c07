/**
 * setup: install a binary released with `release` (one artifact per platform
 * behind an index) for the runner's platform, in the runner's tool cache and on
 * PATH, as setup-node and the other setup-* actions do (setup/install-release.ts,
 * which the install action shares).
 */
import { getRequired } from '../inputs.js';
import type { Env } from '../inputs.js';
import { runAction } from '../run-action.js';
import { checkToolName } from '../setup/binary-name.js';
import { installRelease } from '../setup/install-release.js';
import { referenceInput, startStep } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('setup', async (secrets, signal) => {
    const { progress, connection, reference } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const name = checkToolName(getRequired('name', env));
    await installRelease({ action: 'setup', name, reference, connection, progress, env });
  });
}
