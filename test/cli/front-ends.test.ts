// One verb, three front ends: every option of a CLI verb is an input of its action
// and of its component, or scripts/front-ends.ts says why a front end has none;
// every input of an action or a component is a CLI option, an argument, or its
// front end's own; where they say a default, it is the same one (or the mapping says
// why not). The CLI is its own command tree (buildProgram, as the bundle that
// scripts/docs.mjs reads is built from it), the actions their action.yml files, the
// components their templates/*.yml specs.
import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { buildProgram } from '@ocikit/cli';
import { type Mapping, MAPPING, type World, cliCommands, frontEndProblems, readFrontEnds } from './front-ends-check.js';

function realWorld(): World {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream;
  return { cli: cliCommands(buildProgram({ env: {}, stdout: sink, stderr: sink, secrets: new Set() })), ...readFrontEnds() };
}

/** A deep copy, to break. */
const copy = <T>(value: T): T => structuredClone(value);

describe('the CLI, the actions and the components (scripts/front-ends.ts)', () => {
  it('agree: every option and input mapped or marked, each mapped input there, the same defaults', () => {
    const world = realWorld();
    // The walk found the verbs and their options (a broken walk would find nothing wrong).
    expect(world.cli.map((c) => c.path)).toEqual(expect.arrayContaining(['push', 'pull', 'index create', 'helm pull', 'attest', 'verify']));
    expect(world.cli.find((c) => c.path === 'push')!.options).toMatchObject({ '--no-overwrite': 'true', '--concurrency': '3', '--plain-http': 'false' });
    expect(Object.keys(world.actions)).toEqual(expect.arrayContaining(['push', 'attest', 'setup']));
    expect(Object.keys(world.components)).toEqual(expect.arrayContaining(['push', 'attest']));
    expect(frontEndProblems(world)).toEqual([]);
  });

  it('say which gaps are left: each a front end without an input it should have', () => {
    const gaps = Object.entries(MAPPING.verbs).flatMap(([verb, mapped]) =>
      Object.entries(mapped.options).flatMap(([option, inputs]) =>
        (['action', 'component'] as const).filter((end) => typeof inputs[end] !== 'string' && (inputs[end] as { notYet?: true }).notYet).map((end) => `${verb} ${option}: ${end}`),
      ),
    );
    // The actions and the components have an input for every option of their verb a job needs.
    expect(gaps).toEqual([]);
  });

  it('disagree, and say where, when an option, an input or a default is missing or wrong', () => {
    const world = realWorld();
    const broken = copy(world);
    const push = broken.cli.find((c) => c.path === 'push')!;
    push.options['--new-flag'] = undefined; // a CLI option no front end maps
    broken.actions.pull!['new-input'] = undefined; // an action input no verb maps
    delete broken.components.attach!['inline-max']; // a mapped input that is gone
    broken.components.recompress!.level = '9'; // a default that differs
    broken.components.pull!.path = '.'; // the same default where the mapping gives a reason for another
    broken.cli.push({ path: 'teleport', arguments: [], options: {} }); // a verb in no column
    const release = broken.cli.find((c) => c.path === 'release')!;
    release.arguments = ['<reference>']; // arguments that changed

    const mapping: Mapping = copy(MAPPING);
    mapping.verbs.copy!.options['--gone'] = { action: 'gone', component: 'gone' }; // a mapping of an option the CLI lacks
    mapping.verbs.sign!.options['--annotation'] = { action: 'annotations', component: { none: '' } }; // marked with no reason

    expect(frontEndProblems(broken, mapping)).toEqual([
      'ocikit teleport: neither mapped to an action and a component nor marked as the CLI\'s only',
      'ocikit push --new-flag: neither mapped to inputs nor marked with a reason',
      'ocikit pull --output: a reason for the component\'s other default, but it has the same one',
      'ocikit attach: --inline-max names the input inline-max, which the component attach does not have',
      'ocikit copy --gone: mapped, but the CLI has no such option',
      'ocikit release: the arguments are <reference>, the mapping says <reference> <files...>',
      'ocikit recompress --level: the component\'s default is "9", the CLI\'s "3"',
      'ocikit sign --annotation: the component has no input and no reason',
      'action pull: the input new-input is neither mapped to the CLI nor marked as the action\'s own',
      'component sign: the input annotations is neither mapped to the CLI nor marked as the component\'s own',
    ]);
  });
});
