/**
 * How each CLI verb appears in the GitHub actions and the GitLab components: for
 * every option of the verb (by its long name), the action input and the component
 * input that give it, or why a front end has none; for every input that is no CLI
 * option, what it is (an argument of the verb, the subcommand, or a front end's own).
 *
 * This is the one place that says it. test/cli/front-ends.test.ts holds it against
 * the CLI's command tree, every action.yml and every templates/*.yml (an option or an
 * input in neither column, an input named here that does not exist, two defaults
 * that differ without a reason here all fail), and scripts/docs.mjs writes
 * docs/front-ends.md from it.
 *
 * TypeScript with only erasable syntax, so Node runs it as it is (scripts/docs.mjs
 * imports it) and the test type-checks it: data with types and comments, which JSON
 * cannot hold.
 */

/** Why a front end has no input for a CLI option. `notYet`: it should have one, and does not yet. */
export interface Absent {
  none: string;
  notYet?: true;
}

/** A front end's input for a CLI option: its name, or why there is none. */
export type InputFor = string | Absent;

export interface OptionInputs {
  action: InputFor;
  component: InputFor;
  /** Why a front end's default differs from the CLI's (the test fails on a difference not explained here). */
  otherDefault?: { action?: string; component?: string };
}

export interface VerbFrontEnds {
  /** actions/<action>/action.yml (push: the root action.yml). */
  action?: string;
  /** templates/<component>.yml. */
  component?: string;
  /** The input that chooses this subcommand by its name (`command: create` for `index create`). */
  subcommandInput?: string;
  /** Each argument of the verb, as its usage names it, and the inputs (the same in both front ends) that give it. */
  arguments: Record<string, string | string[]>;
  /** Each option of the verb by its long name (`--no-overwrite` for a negated one). */
  options: Record<string, OptionInputs>;
  /** Inputs of the action that are no CLI option or argument, and what they are. */
  actionOnly?: Record<string, string>;
  /** Inputs of the component that are no CLI option or argument, and what they are. */
  componentOnly?: Record<string, string>;
}

/** The same input name in the action and the component. */
const both = (name: string): OptionInputs => ({ action: name, component: name });
/** Neither front end has it, and why. */
const cliOnly = (none: string): OptionInputs => ({ action: { none }, component: { none } });
/** The action has none yet: it should (a gap, shown as such in the docs). */
const notYet = (none: string): Absent => ({ none, notYet: true });

const NO_STDIN = 'a CI input takes the secret itself, from a masked secret or variable';
const UPLOADS_NOTHING = (verb: string): OptionInputs => cliOnly(`${verb} uploads nothing`);

/** The options of every verb that talks to a registry (packages/cli/src/options/remote-options.ts). */
const REMOTE: Record<string, OptionInputs> = {
  '--username': both('username'),
  '--password': both('password'),
  '--password-stdin': cliOnly(NO_STDIN),
  '--registry-config': cliOnly("an action reads the Docker config docker/login-action writes, a component DOCKER_AUTH_CONFIG (docs/gitlab.md)"),
  '--plain-http': both('plain-http'),
  '--insecure': both('insecure'),
  '--concurrency': both('concurrency'),
  '--chunk-size': both('chunk-size'),
  '--request-timeout': cliOnly("every front end reads OCIKIT_REQUEST_TIMEOUT, which a workflow's env: or a pipeline's variables: set"),
  '--json': cliOnly('an action and a component always give the JSON result (the json output; .ocikit/<job>.json)'),
  '--debug': both('debug'),
};

/** `--referrers-mode` (packages/cli/src/options/referrers-mode.ts). */
const REFERRERS_MODE = { '--referrers-mode': both('referrers-mode') };

/** The signing options of sign, attest and attach --sign (packages/cli/src/options/signing-options.ts). */
const SIGNING: Record<string, OptionInputs> = {
  '--key': both('key'),
  '--keyless': both('keyless'),
  '--fulcio-url': both('fulcio-url'),
  '--rekor-url': both('rekor-url'),
  '--tsa-url': both('tsa-url'),
  '--no-tlog': both('tlog'),
};

/** A verb that sends one small document: the CLI's --concurrency changes nothing, and a request limit is far away. */
const SMALL_UPLOAD = (verb: string): Record<string, OptionInputs> => ({
  '--concurrency': { action: { none: `a no-op for ${verb}: it sends one small document` }, component: 'concurrency' },
});

/** What every action takes besides its verb's inputs. */
export const EVERY_ACTION: Record<string, string> = {
  'github-token': 'the workflow token, the password for ghcr.io when none is given',
};

/** What every component takes besides its verb's inputs (the job's, and the names of its outputs). */
export const EVERY_COMPONENT: Record<string, string> = {
  'job-name': "the job's name",
  stage: "the job's stage",
  image: 'the image the job runs in',
  'output-prefix': 'the start of the names of the dotenv outputs (OCIKIT_)',
};

const INDEX_ENTRIES: Record<string, OptionInputs> = {
  '--annotation': both('annotations'),
  '--artifact-type': both('artifact-type'),
  '--allow-duplicates': both('allow-duplicates'),
  '--tag': both('tags'),
  '--anonymous-mount': both('anonymous-mount'),
};

const GITLAB_ARTIFACTS = "the directory is kept as the job's artifacts, which the project directory (.) cannot be";

export const FRONT_ENDS: Record<string, VerbFrontEnds> = {
  push: {
    action: 'push',
    component: 'push',
    arguments: { '<reference>': 'reference', '[files...]': 'files' },
    options: {
      '--artifact-type': both('artifact-type'),
      '--annotation': both('annotations'),
      '--annotation-file': both('annotation-file'),
      '--config': both('config'),
      '--tag': both('tags'),
      '--no-overwrite': both('overwrite'),
      '--stdin-name': cliOnly('a job pushes files by path: standard input (-) is refused'),
      '--platform': both('platform'),
      '--compression': both('compression'),
      '--inline-max': both('inline-max'),
      ...REMOTE,
    },
  },
  pull: {
    action: 'pull',
    component: 'pull',
    arguments: { '<reference>': 'reference' },
    options: {
      '--output': { ...both('path'), otherDefault: { component: GITLAB_ARTIFACTS } },
      '--media-type': both('media-types'),
      '--keep-old-files': both('keep-old-files'),
      '--platform': both('platform'),
      '--compatible-platforms': both('compatible-platforms'),
      '--artifact-type': both('artifact-type'),
      '--max-unpack-bytes': both('max-unpack-bytes'),
      ...REMOTE,
      '--chunk-size': UPLOADS_NOTHING('pull'),
      ...REFERRERS_MODE,
    },
    actionOnly: { cache: "GitHub's actions cache, keyed by the digest (a GitLab job has cache: of its own)" },
  },
  attach: {
    action: 'attach',
    component: 'attach',
    arguments: { '<subject>': 'subject', '<files...>': 'files' },
    options: {
      '--artifact-type': both('artifact-type'),
      '--annotation': both('annotations'),
      '--sign': both('sign'),
      '--inline-max': both('inline-max'),
      ...REMOTE,
      '--chunk-size': both('chunk-size'),
      ...REFERRERS_MODE,
      ...SIGNING,
    },
  },
  discover: {
    action: 'discover',
    component: 'discover',
    arguments: { '<reference>': 'reference' },
    options: {
      '--artifact-type': both('artifact-type'),
      '--depth': both('depth'),
      '--format': both('format'),
      '--output': cliOnly("oras's older name for --format"),
      '--no-legacy': both('legacy'),
      ...REMOTE,
      '--chunk-size': UPLOADS_NOTHING('discover'),
      ...REFERRERS_MODE,
    },
  },
  'referrers tidy': {
    action: 'referrers-tidy',
    component: 'referrers-tidy',
    arguments: { '<repository-or-reference>': 'reference' },
    options: {
      '--apply': both('apply'),
      '--referrers': both('referrers'),
      ...REMOTE,
      '--concurrency': { action: { none: 'a no-op for referrers tidy: it reads 8 indexes at once' }, component: 'concurrency' },
      '--chunk-size': UPLOADS_NOTHING('referrers tidy'),
      ...REFERRERS_MODE,
    },
  },
  copy: {
    action: 'copy',
    component: 'copy',
    arguments: { '<source>': 'source', '<destination>': 'destination' },
    options: {
      '--anonymous-mount': both('anonymous-mount'),
      '--referrers': both('referrers'),
      ...REMOTE,
      '--chunk-size': both('chunk-size'),
      ...REFERRERS_MODE,
    },
  },
  'index create': {
    action: 'index',
    component: 'index',
    subcommandInput: 'command',
    arguments: { '<index-ref>': 'reference', '<sources...>': 'sources' },
    options: { ...INDEX_ENTRIES, ...REMOTE, '--chunk-size': both('chunk-size') },
  },
  'index add': {
    action: 'index',
    component: 'index',
    subcommandInput: 'command',
    arguments: { '<index-ref>': 'reference', '<sources...>': 'sources' },
    options: { '--replace': both('replace'), ...INDEX_ENTRIES, ...REMOTE, '--chunk-size': both('chunk-size') },
  },
  'index remove': {
    action: 'index',
    component: 'index',
    subcommandInput: 'command',
    arguments: { '<index-ref>': 'reference', '<entries...>': 'sources' },
    options: { '--tag': both('tags'), ...REMOTE, '--chunk-size': both('chunk-size') },
  },
  release: {
    action: 'release',
    component: 'release',
    arguments: { '<reference>': 'reference', '<files...>': 'files' },
    options: {
      '--artifact-type': both('artifact-type'),
      '--annotation': both('annotations'),
      '--tag': both('tags'),
      '--allow-duplicates': both('allow-duplicates'),
      '--no-overwrite': both('overwrite'),
      ...REMOTE,
      '--chunk-size': both('chunk-size'),
    },
  },
  recompress: {
    action: 'recompress',
    component: 'recompress',
    arguments: { '<source>': 'source', '[destination]': 'destination' },
    options: {
      '--level': both('level'),
      '--mode': both('mode'),
      '--platform': both('platforms'),
      '--temp-dir': both('temp-dir'),
      '--referrers': both('referrers'),
      ...REMOTE,
    },
  },
  'helm push': {
    action: 'helm',
    component: 'helm',
    subcommandInput: 'command',
    arguments: { '<chart>': 'chart', '<remote>': 'repository' },
    // --prov takes the file; the inputs say whether to push <chart>.tgz.prov, where `helm package --sign` writes it.
    options: {
      '--prov': both('provenance'),
      ...REMOTE,
      '--concurrency': { action: { none: 'a no-op for helm: a chart is sent one blob after another' }, component: 'concurrency' },
      '--chunk-size': both('chunk-size'),
    },
  },
  'helm pull': {
    action: 'helm',
    component: 'helm',
    subcommandInput: 'command',
    arguments: { '<remote>': ['repository', 'chart'] },
    options: {
      '--version': both('version'),
      '--output': { ...both('path'), otherDefault: { component: GITLAB_ARTIFACTS } },
      '--destination': cliOnly("helm's name for --output"),
      '--prov': both('provenance'),
      ...REMOTE,
      '--concurrency': { action: { none: 'a no-op for helm: a chart is read one blob after another' }, component: 'concurrency' },
      '--chunk-size': UPLOADS_NOTHING('helm pull'),
    },
  },
  sign: {
    action: 'sign',
    component: 'sign',
    arguments: { '<reference...>': ['reference', 'references'] },
    options: {
      '--annotation': both('annotations'),
      '--recursive': both('recursive'),
      ...REMOTE,
      ...SMALL_UPLOAD('sign'),
      '--chunk-size': { action: { none: 'a signature is a few KiB, far under any request limit' }, component: 'chunk-size' },
      ...SIGNING,
      ...REFERRERS_MODE,
    },
  },
  attest: {
    action: 'attest',
    component: 'attest',
    arguments: { '<reference...>': ['reference', 'references'] },
    options: {
      '--predicate': both('predicate'),
      '--recursive': both('recursive'),
      '--type': both('type'),
      ...REMOTE,
      ...SMALL_UPLOAD('attest'),
      // A predicate (an SBOM, a scan) can be large.
      '--chunk-size': both('chunk-size'),
      ...SIGNING,
      ...REFERRERS_MODE,
    },
  },
  verify: {
    action: 'verify',
    component: 'verify',
    arguments: { '<reference>': 'reference' },
    options: {
      '--key': both('public-key'),
      '--certificate-identity': both('certificate-identity'),
      '--certificate-oidc-issuer': both('certificate-oidc-issuer'),
      '--trusted-root': both('trusted-root'),
      '--tuf-mirror': both('tuf-mirror'),
      '--tuf-root': both('tuf-root'),
      '--insecure-ignore-tlog': both('insecure-ignore-tlog'),
      '--type': both('type'),
      ...REMOTE,
      '--concurrency': { action: { none: 'a no-op for verify: it reads a few small referrers' }, component: 'concurrency' },
      '--chunk-size': UPLOADS_NOTHING('verify'),
      ...REFERRERS_MODE,
    },
  },
};

/** CLI verbs with no action and no component, and why. */
export const CLI_ONLY_VERBS: Record<string, string> = {
  tag: 'push, release and index tag what they write',
  resolve: 'every output names the digest',
  tags: 'a listing for a person or a script',
  'manifest get': 'a manifest for a person or a script; discover and pull read them in CI',
  'manifest put': 'low-level: the verbs write the manifests a CI job needs',
  'manifest delete': 'clean-up is a registry policy, not a build step',
  login: 'an action takes docker/login-action, a component the job credentials',
  logout: 'as login',
  version: "the action's ref or the component's version says it",
  completion: 'for a shell',
  gitlab: "the components' own program (templates/<verb>.yml runs it)",
};

/** Actions with no CLI verb, and why. */
export const ACTION_ONLY: Record<string, string> = {
  setup: "installs a binary that release pushed into the runner's tool cache, as the setup-* actions do",
  install: 'puts ocikit itself on PATH (the CLI has no verb installing itself)',
};

/** The action.yml of an action. */
export function actionFile(action: string): string {
  return action === 'push' ? 'action.yml' : `actions/${action}/action.yml`;
}

/** The template of a component. */
export function componentFile(component: string): string {
  return `templates/${component}.yml`;
}

/**
 * A CLI option's default as its help says it (`(default: x)`), as text: a flag that
 * takes no value is off unless negated (`--no-overwrite`: overwrite is on); an empty
 * list (a repeatable option) is no default.
 */
export function cliDefault(option: { negate: boolean; required: boolean; optional: boolean; defaultValue?: unknown }): string | undefined {
  if (option.negate) return 'true';
  const value = option.defaultValue;
  if (!option.required && !option.optional) return value === undefined ? 'false' : String(value);
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return undefined;
  return String(value);
}

/** An action input's default as text; '' is none (the step gives nothing, so the CLI's default applies). */
export function actionDefault(input: { default?: unknown }): string | undefined {
  return input.default === undefined || input.default === '' ? undefined : String(input.default);
}

/**
 * A component input's default as text; '' is none, and so is a number's 0: the
 * program gives a number input only when it is above 0 (packages/gitlab's
 * run-component.ts), so 0 leaves the CLI's default.
 */
export function componentDefault(spec: { type?: unknown; default?: unknown }): string | undefined {
  if (spec.default === undefined || spec.default === '' || (spec.type === 'number' && spec.default === 0)) return undefined;
  return String(spec.default);
}
