/**
 * Who may do what. Every account is a learner; `ecs-dojo users add --role` makes instructors (who will run workshops)
 * and admins (who may do everything an instructor may, on every workshop). Ordered: a higher role includes the lower.
 */
export const ROLES = ["learner", "instructor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` is at least `needed` (an admin may do what an instructor may). */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
