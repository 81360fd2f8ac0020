/**
 * AWS JSON 1.1 carries timestamps as epoch seconds (with a millisecond fraction) where the SDK's
 * TypeScript model says `Date`; the engine stores and returns that wire form so its state stays plain JSON.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Wire<T[K]> }
      : T;

export function epochSeconds(clockMs: number): number {
  return clockMs / 1000;
}
