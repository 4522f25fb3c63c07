/** One challenge of a `WWW-Authenticate` header (RFC 7235): scheme and auth-params. */
export interface AuthChallenge {
  scheme: string; // lowercased: 'basic', 'bearer'
  params: Record<string, string>; // keys lowercased
}

/**
 * Parses a `WWW-Authenticate` value into its challenges. Tolerant of what real
 * registries send (unquoted values, odd spacing, several challenges in one
 * header) and never throws: what cannot be parsed is skipped.
 */
export function parseWwwAuthenticate(header: string | string[] | undefined): AuthChallenge[] {
  if (header === undefined) return [];
  const values = Array.isArray(header) ? header : [header];
  return values.flatMap((value) => parseChallenges(new Scanner(value)));
}

class Scanner {
  position = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    this.skip(/[ \t]*/y);
    return this.position >= this.text.length;
  }

  /** Consumes `pattern` (a sticky regex) at the current position, returning the match. */
  skip(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.position;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    this.position = pattern.lastIndex;
    return match[0];
  }

  peek(pattern: RegExp): boolean {
    pattern.lastIndex = this.position;
    return pattern.test(this.text);
  }
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const SPACES = /[ \t]*/y;
const COMMAS = /[ \t]*(,[ \t]*)*/y;
const PARAM_START = /[ \t]*[!#$%&'*+\-.^_`|~0-9A-Za-z]+[ \t]*=(?!=)/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
// Tolerated beyond RFC 7235's token: some registries leave URLs and scopes unquoted.
const UNQUOTED = /[^,\s]*/y;
const QUOTED = /"((?:[^"\\]|\\.)*)"/y;

function parseChallenges(scanner: Scanner): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  while (!scanner.done) {
    scanner.skip(COMMAS);
    const scheme = scanner.skip(TOKEN);
    if (!scheme) break;
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    scanner.skip(SPACES);
    if (!scanner.peek(PARAM_START) && scanner.peek(TOKEN68)) {
      scanner.skip(TOKEN68); // token68 credentials: registries do not use them
      scanner.skip(COMMAS);
      continue;
    }
    // auth-params until the next thing that is not `key=`: that starts a new challenge.
    while (scanner.peek(PARAM_START)) {
      scanner.skip(SPACES);
      const key = scanner.skip(TOKEN)!.toLowerCase();
      scanner.skip(/[ \t]*=[ \t]*/y);
      const quoted = scanner.skip(QUOTED);
      const value = quoted !== undefined ? quoted.slice(1, -1).replace(/\\(.)/g, '$1') : (scanner.skip(UNQUOTED) ?? '');
      challenge.params[key] = value;
      scanner.skip(COMMAS);
    }
    if (!scanner.done && !scanner.peek(TOKEN)) break; // garbage: stop rather than loop
  }
  return challenges;
}
