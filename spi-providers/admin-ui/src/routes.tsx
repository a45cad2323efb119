import { routes as stockRoutes } from "@keycloak/keycloak-admin-ui";
import type { RouteObject } from "react-router-dom";
import { ClientDetailsWithGovernance } from "./ClientDetailsWithGovernance";
import { ReadinessPage } from "./ReadinessPage";
import { ReviewsPage } from "./ReviewsPage";

export const REVIEWS_PATH = "/:realm/nhi-guard-reviews";
export const READINESS_PATH = "/:realm/nhi-guard-readiness";

// Stock route objects are re-used as-is; only the client-details element is wrapped.
const patched = stockRoutes.map((r) =>
  r.path === "/:realm/clients/:clientId/:tab"
    ? { ...r, element: <ClientDetailsWithGovernance original={r.element} /> }
    : r,
);

export const allRoutes: RouteObject[] = [
  // access "anyone": the stock AuthWall-equivalent in Shell lets every logged-in user in;
  // the nhi-guard REST endpoints do the real authorisation.
  { path: REVIEWS_PATH, element: <ReviewsPage />, handle: { access: "anyone" } },
  // the policies are realm settings: the stock check for view-realm, and the endpoint's own
  { path: READINESS_PATH, element: <ReadinessPage />, handle: { access: "view-realm" } },
  ...patched,
];
