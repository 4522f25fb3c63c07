import { OcikitError, optionRef } from '../errors.js';
import type { RegistryResponse } from './registry-client.js';

/** How much of a paginated list (tags, referrers) a registry may make ocikit hold. */
export interface PageLimits {
  pages: number;
  /** Bytes of all pages together. */
  bytes: number;
  /** Entries of all pages together. */
  entries: number;
}

/**
 * Walks the `Link: <…>; rel="next"` pages of a list (distribution-spec
 * pagination) within bounds: the next page must be on the registry's own origin
 * (a `Link` elsewhere would send the registry's credentials-scoped request to a
 * stranger, or read a stranger's list as the registry's), no page is read twice,
 * and the pages, bytes and entries held stay under `limits`, each refusal naming
 * the bound it hit.
 */
export class PageWalk {
  private readonly visited = new Set<string>();
  private bytes = 0;
  private entries = 0;

  constructor(
    /** What is being done, for messages: `listing tags of 127.0.0.1:5000/app`. */
    private readonly what: string,
    private readonly origin: URL,
    private readonly limits: PageLimits,
  ) {}

  /** The URL of the first page, made absolute and checked like the others. */
  first(path: string): string {
    return this.check(new URL(path, this.origin).href);
  }

  /** The next page the response links to, or undefined at the end. */
  next(response: RegistryResponse): string | undefined {
    const link = headerValue(response, 'link');
    const target = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1];
    return target ? this.check(new URL(target, response.url).href) : undefined;
  }

  /** Counts a page read; throws once the list outgrows a bound. */
  add(pageBytes: number, pageEntries: number): void {
    this.bytes += pageBytes;
    this.entries += pageEntries;
    if (this.bytes > this.limits.bytes) throw this.limitError(`more than ${this.limits.bytes} bytes`);
    if (this.entries > this.limits.entries) throw this.limitError(`more than ${this.limits.entries} entries`);
  }

  private check(url: string): string {
    if (new URL(url).origin !== this.origin.origin) {
      throw new OcikitError('REGISTRY_ERROR', `${this.what}: the registry's next page is on another host (${new URL(url).origin}); not followed`, {
        hint: 'a registry links only to its own pages; ocikit reads lists only from the registry itself. Report it to the registry operator',
      });
    }
    if (this.visited.has(url) || this.visited.size >= this.limits.pages) {
      throw new OcikitError('REGISTRY_ERROR', `${this.what}: the registry's pages do not come to an end`, {
        detail: `page ${this.visited.size + 1} would be ${url}${this.visited.has(url) ? ', which was read already' : ` (the limit is ${this.limits.pages} pages)`}`,
        hint: 'the registry paginates wrongly; report it to its operator',
      });
    }
    this.visited.add(url);
    return url;
  }

  private limitError(bound: string): OcikitError {
    return new OcikitError('SIZE_LIMIT', `${this.what}: the list has ${bound}; ocikit stopped reading it`, {
      hint: `a list this long is more than ocikit holds in memory; narrow it where the command allows (${optionRef('last')}, ${optionRef('artifact-type')}) or clean up the repository`,
    });
  }
}

function headerValue(response: RegistryResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
