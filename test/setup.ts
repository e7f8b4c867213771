import { expect } from 'vitest';
import { studioSimMatchers, type StudioSimMatchers } from '../src/testing/index.ts';

expect.extend(studioSimMatchers);

declare module 'vitest' {
  // `T = any` must match vitest's own declaration of Matchers for the merge to apply.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends StudioSimMatchers<T> {}
}
