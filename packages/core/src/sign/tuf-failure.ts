// @sigstore/tuf and tuf-js fail with errors wrapped in errors (a TUFError around a
// RuntimeError whose message holds the cause as text); the bundles minify their
// class names, so a failure is recognised by its code, an HTTP status and the
// words tuf-js writes, and said in ocikit's: what failed, what the server answered
// when one did, what to try.
import { OcikitError, optionRef } from '../errors.js';

const OFFLINE = `give ${optionRef('trusted-root')} (a trusted_root.json) to verify without the TUF repository`;

/** An OcikitError for a failure to get `target` from the TUF repository at `mirror`. */
export function tufFailure(error: unknown, mirror: string, target: string): OcikitError {
  const chain = causes(error);
  const text = chain.map((e) => e.message).join(': ');
  const code = chain.map((e) => (e as { code?: unknown }).code).find((c) => typeof c === 'string');
  const status = chain.map((e) => (e as { statusCode?: unknown }).statusCode).find((s): s is number => typeof s === 'number');
  const where = `the TUF repository ${mirror}`;

  if (code === 'TUF_INIT_CACHE_ERROR') {
    return new OcikitError('INVALID_INPUT', `${where} is not the public-good Sigstore instance's, and no TUF root was given to trust it by`, {
      hint: `give ${optionRef('tuf-root')} (the initial root.json of that instance's TUF repository)`,
    });
  }
  if (/\bis expired\b/.test(text)) {
    const role = /(\w+)\.json is expired/.exec(text)?.[1] ?? 'its';
    return new OcikitError('UNVERIFIED', `${where} cannot be trusted: its ${role} metadata has expired`, {
      detail: text,
      hint: `the repository's maintainers must sign it again (for a private Sigstore, re-sign its TUF metadata); meanwhile ${OFFLINE}`,
    });
  }
  if (/Expected (hash|length)|Max length reached|LengthOrHashMismatch/.test(text)) {
    const what = code === 'TUF_DOWNLOAD_TARGET_ERROR' ? target : 'a metadata file';
    return new OcikitError('UNVERIFIED', `${where} served a ${what} that does not match its signed TUF metadata (tampered with or corrupted): refused`, {
      detail: text,
      hint: `check ${optionRef('tuf-mirror')} is the instance's repository, and ask its maintainers; ${OFFLINE}`,
    });
  }
  if (/signed by|threshold|Unsigned|signature/i.test(text) && status === undefined) {
    return new OcikitError('UNVERIFIED', `${where} served metadata not signed by the keys its TUF root trusts: refused`, {
      detail: text,
      hint: `check ${optionRef('tuf-mirror')} and ${optionRef('tuf-root')} belong to the same Sigstore instance; ${OFFLINE}`,
    });
  }
  if (code === 'TUF_FIND_TARGET_ERROR') {
    return new OcikitError('NOT_FOUND', `${where} lists no ${target}`, { hint: `check ${optionRef('tuf-mirror')} is a Sigstore TUF repository; ${OFFLINE}` });
  }
  if (status !== undefined) {
    // tuf-js asks for the next root.json version until a 404 and takes that as "no newer root"; any other status is an error.
    return new OcikitError('NETWORK', `${where} answered HTTP ${status}`, {
      detail: `HTTP ${status}`,
      hint: `check ${optionRef('tuf-mirror')}, or try again later; ${OFFLINE}`,
    });
  }
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|timeout|aborted/i.test(text)) {
    return new OcikitError('NETWORK', `${where} cannot be reached`, {
      detail: text,
      hint: `check the network and ${optionRef('tuf-mirror')}; ${OFFLINE}`,
    });
  }
  return new OcikitError('UNVERIFIED', `the trusted root could not be fetched from ${where}`, { detail: text, hint: OFFLINE });
}

/**
 * The error and its causes, outermost first (bounded: a cycle ends it). Told by
 * shape, not `instanceof Error`: fetch's errors may come from another realm.
 */
function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (isErrorLike(current) && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    current = current.cause;
  }
  if (chain.length === 0) chain.push(new Error(String(error)));
  return chain;
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}
