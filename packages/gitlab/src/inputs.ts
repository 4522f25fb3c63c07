/**
 * A component's `spec:inputs` as its job receives them. GitLab interpolates the
 * inputs into the job's `variables:`, so text stays data whatever quotes, newlines
 * or `$` it holds:
 *   - a string input is `OCIKIT_IN_<NAME>` (`artifact-type` → `OCIKIT_IN_ARTIFACT_TYPE`);
 *   - an array input is `OCIKIT_IN_<NAME>: '{"items": $[[ inputs.<name> ]]}'` (its JSON);
 *   - the boolean and number inputs are one JSON object, `OCIKIT_TYPED_INPUTS`, since a
 *     variable's value cannot be a YAML boolean (GitLab keeps the type of a
 *     whole-value `$[[ ]]`); inside text, GitLab writes `true`, `false` and numbers as such.
 * A component reads only the inputs it declares (ComponentSpec), so the declaration
 * and templates/<verb>.yml can be compared (test/gitlab/templates.test.ts).
 */
import { OcikitError } from '@ocikit/core';

export type Env = Readonly<Record<string, string | undefined>>;

/** The inputs a component reads, by kind; every component also reads COMMON_INPUTS. */
export interface InputDeclaration {
  string: readonly string[];
  array?: readonly string[];
  boolean?: readonly string[];
  number?: readonly string[];
}

/** What every component takes besides its own (job-name, stage and image are the job's, not the program's). */
export const COMMON_INPUTS = {
  string: ['username', 'password', 'output-prefix'],
  boolean: ['plain-http', 'insecure', 'debug'],
  number: ['concurrency'],
} as const satisfies InputDeclaration;

/** The variable of a string or array input: `artifact-type` → `OCIKIT_IN_ARTIFACT_TYPE`. */
export function inputVariable(name: string): string {
  return `OCIKIT_IN_${name.toUpperCase().replace(/-/g, '_')}`;
}

/** The variable holding the boolean and number inputs as one JSON object. */
export const TYPED_INPUTS_VARIABLE = 'OCIKIT_TYPED_INPUTS';

type Kind = 'string' | 'array' | 'boolean' | 'number';

function invalid(message: string, hint?: string): OcikitError {
  return new OcikitError('INVALID_INPUT', message, hint ? { hint } : {});
}

export class ComponentInputs {
  private readonly kinds = new Map<string, Kind>();
  private typedValues: Record<string, unknown> | undefined;

  constructor(
    private readonly verb: string,
    declared: InputDeclaration,
    private readonly env: Env,
  ) {
    for (const declaration of [COMMON_INPUTS, declared]) {
      for (const kind of ['string', 'array', 'boolean', 'number'] as const) {
        for (const name of (declaration as InputDeclaration)[kind] ?? []) this.kinds.set(name, kind);
      }
    }
  }

  /** Every input read here, with its kind: what templates/<verb>.yml must declare. */
  declared(): ReadonlyMap<string, Kind> {
    return this.kinds;
  }

  /** A string input as given (untrimmed: a password is what it is). */
  raw(name: string): string {
    this.expect(name, 'string');
    return this.env[inputVariable(name)] ?? '';
  }

  /** A string input, trimmed; '' when empty. */
  text(name: string): string {
    return this.raw(name).trim();
  }

  /** A string input that must be given. */
  required(name: string): string {
    const value = this.text(name);
    if (value === '') throw invalid(`the input ${name} is empty`, `give \`${name}:\` under the component's \`inputs:\``);
    return value;
  }

  /** One of the input's options; empty gives `fallback` (the spec's `options:` hold them too). */
  choice<T extends string>(name: string, options: readonly T[], fallback: T): T {
    const value = this.text(name) || fallback;
    if (!(options as readonly string[]).includes(value)) throw invalid(`the input ${name} is "${value}", not one of ${options.join(', ')}`);
    return value as T;
  }

  /** A list, one item per line, each trimmed, empty lines dropped. */
  lines(name: string): string[] {
    return splitLines(this.raw(name));
  }

  /** A list of one item per line or per comma (tags, media types, platforms: none holds a comma). */
  list(name: string): string[] {
    return this.lines(name).flatMap((line) => line.split(',')).map((item) => item.trim()).filter((item) => item !== '');
  }

  /** An array input, `{"items": [...]}`; an item may hold several lines (one per line). */
  items(name: string): string[] {
    this.expect(name, 'array');
    const raw = this.env[inputVariable(name)] ?? '';
    let items: unknown;
    try {
      items = (JSON.parse(raw) as { items?: unknown }).items;
    } catch {
      items = undefined;
    }
    if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
      throw invalid(`the input ${name} is not a list of strings`, `write it as a YAML list: \`${name}: [a, b]\``);
    }
    return (items as string[]).flatMap(splitLines);
  }

  /** A boolean input. */
  flag(name: string): boolean {
    return this.typed(name, 'boolean') as boolean;
  }

  /** A number input. */
  number(name: string): number {
    return this.typed(name, 'number') as number;
  }

  private typed(name: string, kind: 'boolean' | 'number'): unknown {
    this.expect(name, kind);
    this.typedValues ??= this.readTyped();
    const value = this.typedValues[name];
    if (typeof value !== kind || (kind === 'number' && !Number.isFinite(value))) {
      throw invalid(`${TYPED_INPUTS_VARIABLE} has no ${kind} ${name} (${JSON.stringify(value) ?? 'nothing'})`, this.fromTemplateHint());
    }
    return value;
  }

  private readTyped(): Record<string, unknown> {
    const raw = this.env[TYPED_INPUTS_VARIABLE];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw ?? '');
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw invalid(`${TYPED_INPUTS_VARIABLE} is ${raw === undefined ? 'not set' : 'not a JSON object'}`, this.fromTemplateHint());
    }
    return parsed as Record<string, unknown>;
  }

  private fromTemplateHint(): string {
    return `\`ocikit gitlab ${this.verb}\` runs in the job of the ${this.verb} component (templates/${this.verb}.yml), which sets it from the inputs`;
  }

  private expect(name: string, kind: Kind): void {
    const declared = this.kinds.get(name);
    // A programming error, not a user's: the component reads an input it does not declare.
    if (declared !== kind) throw new Error(`the ${this.verb} component reads the ${kind} input ${name}, which it declares ${declared ? `as ${declared}` : 'nowhere'}`);
  }
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}
