/**
 * `-:text/plain` (standard input with a media type, as oras users would write it)
 * looks like an unknown option to the argument parser. It is disguised before
 * parsing and restored after, so it reaches push as written.
 */
const DISGUISE = '\u0000stdin';

export function disguiseStdinArguments(argv: string[]): string[] {
  return argv.map((arg) => (arg.startsWith('-:') ? DISGUISE + arg.slice(1) : arg));
}

export function restoreStdinArgument(arg: string): string {
  return arg.startsWith(DISGUISE) ? `-${arg.slice(DISGUISE.length)}` : arg;
}
