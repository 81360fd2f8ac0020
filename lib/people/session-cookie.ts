/** Name of the cookie that carries the anonymous learner's session token (stored server-side only as a hash). */
export const SESSION_COOKIE = "dojo_session";
