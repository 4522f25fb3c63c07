// The GitLab CI/CD components as GitLab's catalog reads them, without running them:
// spec headers, the inputs every pipeline in this repository passes, the image and
// CLI version they pin, that each holds no program (one script line runs the CLI's
// `ocikit gitlab <verb>`) and declares exactly the inputs that program reads, and the
// Dockerfile of that image. run-component.test.ts runs the program, components.test.ts
// the components.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentInputs, componentFor, componentNames } from '../../packages/gitlab/src/index.js';
import {
  type ComponentTemplate,
  REPO_ROOT,
  componentScript,
  includeProblems,
  interpolatedJob,
  listTemplates,
  ourComponentIncludes,
  parsePipeline,
  readTemplate,
  specProblems,
  typedInputsValue,
  yamlBlocks,
} from './component-spec.js';

const templates = listTemplates();
const cliVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
const IMAGE = `registry.gitlab.com/ocikit/ocikit/cli:${cliVersion}`;

function theJob(template: ComponentTemplate): Record<string, unknown> {
  const jobs = Object.entries(template.body).filter(([name]) => !name.startsWith('.'));
  expect(jobs.map(([name]) => name)).toEqual(['$[[ inputs.job-name ]]']);
  return jobs[0]![1] as Record<string, unknown>;
}

/** The CLI verbs that have a component, one file each. */
const VERBS = ['attach', 'attest', 'copy', 'discover', 'helm', 'index', 'pull', 'push', 'recompress', 'referrers-tidy', 'release', 'sign', 'verify'];
/** The required input naming what a component acts on (`reference` unless named here). */
const TARGET: Record<string, string> = { attach: 'subject', copy: 'source', helm: 'repository', recompress: 'source' };

/** The inputs that are the job's own, not its program's. */
const JOB_INPUTS = ['job-name', 'stage', 'image'];

describe('the components in templates/', () => {
  it('are one per verb, one file each', () => {
    expect(templates.map((t) => t.verb)).toEqual(VERBS);
    for (const template of templates) expect(template.file).toMatch(/^templates\/[a-z][a-z0-9-]*(\.yml|\/template\.yml)$/);
  });

  it.each(templates.map((t) => [t.verb, t] as const))('%s has a valid spec header', (_verb, template) => {
    expect(specProblems(template)).toEqual([]);
  });

  it.each(templates.map((t) => [t.verb, t] as const))('%s offers the catalog inputs and runs its verb', (verb, template) => {
    const target = TARGET[verb] ?? 'reference';
    for (const name of ['job-name', 'stage', 'image', target, 'output-prefix', 'username', 'password', 'plain-http', 'insecure', 'concurrency']) {
      expect(Object.keys(template.inputs)).toContain(name);
    }
    expect(template.inputs['job-name']!.default).toBe(`ocikit-${verb}`);
    expect(template.inputs.image!.default).toBe(IMAGE);
    expect('default' in template.inputs[target]!).toBe(false);
    // Secrets have no default and say how to pass them.
    expect(template.inputs.password!.default).toBe('');
    expect(String(template.inputs.password!.description)).toMatch(/masked/);
    // Outputs keep today's names unless the pipeline asks for its own.
    expect(template.inputs['output-prefix']).toMatchObject({ type: 'string', default: 'OCIKIT_' });

    const job = theJob(template);
    expect(job.stage).toBe('$[[ inputs.stage ]]');
    expect(job.image).toEqual({ name: '$[[ inputs.image ]]', entrypoint: [''] });
    const variables = job.variables as Record<string, unknown>;
    expect(variables.OCIKIT_CLI_VERSION).toBe(cliVersion);
    // Every input reaches the program as a variable, never spliced into a script: text as
    // itself, an array as {"items": <JSON>}, booleans and numbers in one JSON object.
    for (const [name, spec] of Object.entries(template.inputs)) {
      if (JOB_INPUTS.includes(name)) continue;
      const variable = `OCIKIT_IN_${name.toUpperCase().replace(/-/g, '_')}`;
      if (spec.type === 'string') expect(variables[variable]).toBe(`$[[ inputs.${name} ]]`);
      else if (spec.type === 'array') expect(variables[variable]).toBe(`{"items": $[[ inputs.${name} ]]}`);
      else expect(variables[variable]).toBeUndefined();
    }
    expect(variables.OCIKIT_TYPED_INPUTS).toBe(typedInputsValue(template));
    // No program in the template: one line runs the CLI's, from npm when the image has no ocikit.
    expect(job.script).toEqual([componentScript(verb)]);
    expect(String(template.inputs.image!.description)).toContain(`@ocikit/cli@${cliVersion}`);

    const artifacts = job.artifacts as { paths: string[]; reports: { dotenv: string } };
    expect(artifacts.paths).toContain('.ocikit/');
    expect(artifacts.reports.dotenv).toBe('.ocikit/$CI_JOB_NAME_SLUG.env');
  });

  it.each(templates.map((t) => [t.verb, t] as const))('%s declares exactly the inputs its program reads (packages/gitlab), of the same types', (verb, template) => {
    const component = componentFor(verb);
    expect(component).toBeDefined();
    const read = Object.fromEntries(new ComponentInputs(verb, component!.inputs, {}).declared());
    const declared = Object.fromEntries(Object.entries(template.inputs).filter(([name]) => !JOB_INPUTS.includes(name)).map(([name, spec]) => [name, spec.type]));
    expect(declared).toEqual(read);
    // The booleans and numbers arrive as JSON once GitLab interpolates them (here at their defaults).
    const required = Object.fromEntries(Object.entries(template.inputs).filter(([, spec]) => !('default' in spec)).map(([name, spec]) => [name, spec.type === 'array' ? ['x'] : 'x']));
    const typed = Object.entries(template.inputs).filter(([, spec]) => spec.type === 'boolean' || spec.type === 'number');
    expect(JSON.parse(interpolatedJob(template, required, {}).env.OCIKIT_TYPED_INPUTS!)).toEqual(Object.fromEntries(typed.map(([name, spec]) => [name, spec.default])));
  });

  it('are the components the program knows, and it knows no other', () => {
    expect([...componentNames()].sort()).toEqual(templates.map((t) => t.verb));
  });

  it('are found by the spec check when broken', () => {
    const broken = readTemplate('push', join(REPO_ROOT, 'templates', 'push.yml'));
    broken.inputs = {
      ...broken.inputs,
      untyped: { description: 'an input with no type at all' },
      wrong: { type: 'number', default: '3', description: 'a number input with a string default' },
      picky: { type: 'string', default: 'c', options: ['a', 'b'], description: 'options without the default' },
      silent: { type: 'boolean', default: false },
    };
    const problems = specProblems(broken).join('\n');
    expect(problems).toMatch(/input untyped: type undefined is not one of/);
    expect(problems).toMatch(/input wrong: default "3" is a string, not a number/);
    expect(problems).toMatch(/input picky: options do not contain the default "c"/);
    expect(problems).toMatch(/input silent: needs a description/);
    expect(problems).toMatch(/input silent is declared but never used/);
  });
});

describe('the inputs pipelines pass to the components', () => {
  const pipelines: Array<[string, string]> = [];
  const add = (where: string, text: string): void => {
    pipelines.push([where, text]);
  };
  add('.gitlab-ci.yml', readFileSync(join(REPO_ROOT, '.gitlab-ci.yml'), 'utf8'));
  for (const name of readdirSync(join(REPO_ROOT, 'examples', 'gitlab'))) {
    if (/\.ya?ml$/.test(name)) add(`examples/gitlab/${name}`, readFileSync(join(REPO_ROOT, 'examples', 'gitlab', name), 'utf8'));
  }
  const manual = readFileSync(join(REPO_ROOT, 'docs', 'gitlab.md'), 'utf8');
  yamlBlocks(manual).forEach((block, i) => add(`docs/gitlab.md yaml block ${i + 1}`, block));
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  yamlBlocks(readme).forEach((block, i) => add(`README.md yaml block ${i + 1}`, block));

  it('include our components in every place that documents or uses them', () => {
    const included = (where: RegExp): string[] =>
      pipelines.filter(([w]) => where.test(w)).flatMap(([w, text]) => ourComponentIncludes(parsePipeline(text, w)).map((i) => i.verb));
    // The repository's pipeline tests every component; the example releases a chart and attaches a report to it.
    expect(included(/^\.gitlab-ci\.yml$/)).toEqual(expect.arrayContaining(templates.map((t) => t.verb)));
    expect(included(/^examples\/gitlab\//)).toEqual(expect.arrayContaining(['push', 'pull', 'helm', 'attach']));
    expect(included(/^docs\/gitlab\.md/)).toEqual(expect.arrayContaining(templates.map((t) => t.verb)));
  });

  it.each(pipelines)('%s passes only declared inputs of the right types', (where, text) => {
    expect(includeProblems(parsePipeline(text, where), where, templates)).toEqual([]);
  });

  it('are found by the check when wrong', () => {
    const pipeline = parsePipeline(
      [
        'include:',
        '  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/push@$CI_COMMIT_SHA',
        '    inputs:',
        '      files: a.txt',
        '      refrence: typo.example.com/app:v1',
        '      concurrency: "4"',
        '  - component: gitlab.com/ocikit/ocikit/teleport@1.0.0',
        '  - component: gitlab.com/someone-else/tools/push@1.0.0',
        '    inputs: { anything: 1 }',
      ].join('\n'),
      'broken.yml',
    );
    const problems = includeProblems(pipeline, 'broken.yml', templates).join('\n');
    expect(problems).toMatch(/input refrence is not declared in templates\/push\.yml/);
    expect(problems).toMatch(/the required input reference is missing/);
    expect(problems).toMatch(/input concurrency is a string, the component declares number/);
    expect(problems).toMatch(/there is no component teleport/);
    expect(problems).not.toMatch(/someone-else/);
  });

  it('are documented in docs/gitlab.md, every input of every component', () => {
    const section = manual;
    const tableOf = (header: string): string[] => {
      const start = section.indexOf(`\n| ${header} |`);
      if (start < 0) return [];
      const rows = section.slice(start + 1).split('\n\n')[0]!.split('\n').slice(2);
      return rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));
    };
    const common = tableOf('input');
    expect(common).toEqual(['job-name', 'stage', 'image', 'output-prefix']);
    for (const template of templates) {
      const documented = [...common, ...tableOf(`${template.verb} input`)];
      expect({ verb: template.verb, undocumented: Object.keys(template.inputs).filter((name) => !documented.includes(name)) }).toEqual({ verb: template.verb, undocumented: [] });
      expect({ verb: template.verb, unknown: documented.filter((name) => !(name in template.inputs)) }).toEqual({ verb: template.verb, unknown: [] });
    }
  });

  it('name the released components by the version of the CLI they pin', () => {
    for (const [where, text] of pipelines) {
      for (const include of ourComponentIncludes(parsePipeline(text, where))) {
        if (include.component.startsWith('$CI_SERVER_FQDN/$CI_PROJECT_PATH/')) expect(include.component).toMatch(/@\$CI_COMMIT_SHA$/);
        else expect({ where, component: include.component }).toEqual({ where, component: `gitlab.com/ocikit/ocikit/${include.verb}@${cliVersion}` });
      }
    }
  });
});

describe('the CLI image (Dockerfile)', () => {
  const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const finalStage = instructions.slice(instructions.map((l) => l.startsWith('FROM ')).lastIndexOf(true));

  it('is Node 24 based, bundles the CLI and runs as a user that is not root', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24[\w.-]*$/m);
    // Built once on the builder's platform (JavaScript), copied onto each platform's Node image.
    expect(instructions.filter((l) => l.startsWith('FROM '))).toEqual(['FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE}']);
    // The same bundle step as `npm run build`, so the image runs what the npm package ships.
    expect(instructions.join('\n')).toContain('node packages/cli/scripts/bundle-cli.mjs');
    // The bundle holds the GitLab components' program (`ocikit gitlab <verb>`).
    expect(instructions.join('\n')).toMatch(/tsc -b [^\n]*packages\/gitlab/);
    expect(finalStage).toContain('COPY --from=build /src/packages/cli/bin /opt/ocikit/bin');
    expect(finalStage).toContain('COPY --from=build /src/packages/cli/bundle /opt/ocikit/bundle');
    expect(finalStage).toContain('COPY --from=build /out/bin/ocikit /usr/local/bin/ocikit');
    expect(instructions.join('\n')).toContain(`printf '#!/bin/sh\\nexec node /opt/ocikit/bin/ocikit.js "$@"\\n' > /out/bin/ocikit`);
    // Nothing runs in the per-platform stage: a multi-platform build needs no emulation.
    expect(finalStage.filter((l) => l.startsWith('RUN '))).toEqual([]);
    const users = finalStage.filter((l) => l.startsWith('USER '));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER (root|0)(:|$)/);
    // GitLab starts the job's shell in the image: an ENTRYPOINT would swallow it.
    expect(instructions.some((l) => l.startsWith('ENTRYPOINT'))).toBe(false);
  });

  it('builds from a context that holds only the sources it needs', () => {
    const ignore = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).toBe('*');
    for (const copied of instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      for (const source of copied.split(/\s+/).slice(1, -1)) {
        expect(ignore.some((l) => l === `!${source}` || l.startsWith(`!${source.replace(/\/$/, '')}/`))).toBe(true);
      }
    }
  });
});
