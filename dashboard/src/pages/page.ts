// What every page is given: where it is, who is signed in, and what they may
// do (a viewer is shown no button that changes anything; the API refuses
// such calls anyway).
import type { ApiKey } from "@gen/unionhub/gateway/v1/auth_pb";
import { Role } from "@gen/unionhub/auth/v1/principal_pb";
import type { Route } from "../route";

export interface PageContext {
  route: Route;
  me: ApiKey;
  org: string; // The organisation shown: the route's, else the key's.
  canWrite: boolean;
}

export function contextFor(route: Route, me: ApiKey): PageContext {
  return {
    route,
    me,
    org: route.org || me.organisationId,
    canWrite: me.role === Role.UNION_ADMIN || me.role === Role.FEDERATION_ADMIN,
  };
}

// Marks the page fully drawn (the browser test waits for it).
export function drawn(page: string): void {
  document.body.dataset.ready = page;
}
