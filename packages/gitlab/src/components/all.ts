// Every GitLab component, by verb: templates/<verb>.yml runs `ocikit gitlab <verb>`.
import type { Component } from '../component.js';
import { attach } from './attach.js';
import { attest } from './attest.js';
import { copy } from './copy.js';
import { discover } from './discover.js';
import { helm } from './helm.js';
import { index } from './index.js';
import { pull } from './pull.js';
import { push } from './push.js';
import { recompress } from './recompress.js';
import { referrersTidy } from './referrers-tidy.js';
import { release } from './release.js';
import { sign } from './sign.js';
import { verify } from './verify.js';

export const COMPONENTS: Readonly<Record<string, Component>> = Object.fromEntries(
  [attach, attest, copy, discover, helm, index, pull, push, recompress, referrersTidy, release, sign, verify].map((component) => [component.verb, component as Component]),
);
