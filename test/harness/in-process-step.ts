// An action's `run()` called in this jest process, for the tests that hand it what no
// runner here has (an Actions cache service). @actions/core writes its commands to
// process.stdout and its outputs and summary to the files GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY name (remembering the paths after the first write): one file each
// for the whole test file, emptied before every step.
import { afterAll, beforeAll, jest } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommands, parseOutputFile } from './action-runner.js';
import { makeTempDir } from './temp.js';

export interface InProcessStepResult {
  outputs: Record<string, string>;
  warnings: string[];
  errors: string[];
  summary: string;
  stdout: string;
}

/** Sets GITHUB_OUTPUT and GITHUB_STEP_SUMMARY for the test file; `step(run)` runs one action body and reads what it wrote. */
export function useInProcessSteps() {
  const files = { output: '', summary: '' };
  const saved = { GITHUB_OUTPUT: process.env.GITHUB_OUTPUT, GITHUB_STEP_SUMMARY: process.env.GITHUB_STEP_SUMMARY };
  beforeAll(() => {
    const dir = makeTempDir('ocikit-step-');
    files.output = join(dir, 'output');
    files.summary = join(dir, 'summary');
    process.env.GITHUB_OUTPUT = files.output;
    process.env.GITHUB_STEP_SUMMARY = files.summary;
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return {
    files,
    async step(run: () => Promise<void>): Promise<InProcessStepResult> {
      await writeFile(files.output, '');
      await writeFile(files.summary, '');
      let stdout = '';
      const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += chunk.toString();
        return true;
      });
      try {
        await run();
      } finally {
        write.mockRestore();
        // setFailed sets it; this process is jest's.
        process.exitCode = 0;
      }
      const commands = parseCommands(stdout);
      return {
        outputs: parseOutputFile(await readFile(files.output, 'utf8')),
        warnings: commands.filter((c) => c.command === 'warning').map((c) => c.value),
        errors: commands.filter((c) => c.command === 'error').map((c) => c.value),
        summary: await readFile(files.summary, 'utf8'),
        stdout,
      };
    },
  };
}
