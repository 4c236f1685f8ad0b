import { forbidden, unauthenticated } from "../errors";
import type { Role } from "@/lib/roles";
import type { Actor } from "./actor";

/** Every lib/ data function starts with one of these. A null actor is anonymous or deactivated. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

export function requireRole(actor: Actor | null, ...roles: Role[]): Actor {
  const a = requireActor(actor);
  if (!roles.includes(a.role)) throw forbidden();
  return a;
}

/** True when `areaPath` is one of the actor's assigned areas or below one. Admins cover everything. */
export function coversArea(actor: Actor, areaPath: string): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "coordinator") return false;
  return actor.areas.some((a) => areaPath.startsWith(a.path));
}

/** For writes of weekly figures: admin anywhere, coordinator within their areas, viewer never. */
export function requireAreaWrite(actor: Actor | null, areaPath: string): Actor {
  const a = requireRole(actor, "admin", "coordinator");
  if (!coversArea(a, areaPath)) throw forbidden();
  return a;
}
