/**
 * The password rule, stated to the learner in their language (lib/i18n/account-ui.ts) and enforced on the server
 * (lib/people/account-actions.ts and Better Auth). Apart from the hashing module so pages can show it without
 * bundling the native hasher.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
