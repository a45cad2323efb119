import { useEnvironment, type AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { useCallback } from "react";

/** One machine identity as the review endpoints describe it (see the README, "Reviews"). */
export type ReviewItem = {
  id: string;
  clientId: string;
  enabled: boolean;
  reviewState: "overdue" | "due" | "ok";
  reviewBy: string | null;
  owner: string | null;
  ownerGroup: string | null;
  purpose: string | null;
  tier: string;
  lastUsed: string | null;
  requests30d: number;
  clientAuthentication: string | null;
  credentialType: string | null;
  senderConstraint: string;
  secretAgeDays: number | null;
  /** When the shared secret expires under the realm's credential policy; null without one. */
  secretExpires: string | null;
  secretState: "ok" | "expiring" | "expired" | null;
  scopes: string[];
  unusedScopes: string[];
  findings: string[];
  mayReview: boolean;
  mayReassign: boolean;
  /** Under disable-then-delete: the days after which a revoked identity nobody enables again is deleted. */
  revokeDeletesAfterDays: number | null;
};

export type Review = {
  id: string;
  clientId: string;
  reviewer: string;
  decision: string;
  comment: string | null;
  time: string;
  reviewByBefore: string | null;
  reviewByAfter: string | null;
  ownerBefore: string | null;
  ownerAfter: string | null;
};

/** Every finding code (dev.nhiguard.shared.Finding; FindingCodesInConsoleTest keeps the two lists equal). */
export const FINDINGS = [
  "NO_OWNER", "OWNER_DISABLED", "OWNER_MISSING", "OWNER_UNVERIFIED", "NO_PURPOSE", "NO_REVIEW_DATE", "REVIEW_OVERDUE", "INVALID_OWNERSHIP",
  "INVALID_CLIENT_ID", "STATIC_SECRET", "SECRET_EXPIRING", "SECRET_EXPIRED", "INVALID_SECRET_TIME", "UNTRUSTED_SECRET", "FULL_SCOPE_ALLOWED", "DEFAULT_SCOPES", "ADMIN_ROLES", "BROAD_SCOPE", "LONG_TOKEN_LIFETIME",
  "INVALID_TOKEN_LIFESPAN", "REFRESH_TOKENS", "UNTYPED_TOKENS", "OTHER_GRANTS", "CLIENT_MAPPERS", "CERT_EXPIRING",
  "UNBOUND_TOKENS", "KEYLESS_AUTH", "UNKNOWN_TIER", "INVALID_ENVIRONMENT", "INVALID_EXEMPTION", "NEVER_USED", "STALE",
  "UNUSED_SCOPE", "NEW_NETWORK", "RATE_SPIKE", "HUMAN_USE", "REFUSAL_BURST", "NEW_CERTIFICATE",
] as const;

/** An answer that is not 2xx: the server's own message (it names the field at fault), never a stack trace. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** fetch() against /admin/realms/{realm}/nhi-guard/... with the console's bearer token, renewed first. */
export function useNhiApi(realm: string) {
  const { keycloak, environment } = useEnvironment<AdminEnvironment>();
  return useCallback(
    async <T,>(path: string, init: RequestInit = {}): Promise<T> => {
      await keycloak.updateToken(5).catch(() => keycloak.login());
      const res = await fetch(`${environment.adminBaseUrl}/admin/realms/${encodeURIComponent(realm)}/nhi-guard/${path}`, {
        ...init,
        headers: { ...init.headers, Authorization: `Bearer ${keycloak.token}`, "Content-Type": "application/json" },
      });
      if (!res.ok) {
        let message = `${res.status} ${res.statusText}`;
        try {
          const body = await res.json();
          message = body.errorMessage ?? body.error_description ?? body.error ?? message;
        } catch {
          // not JSON: keep the status line
        }
        throw new ApiError(res.status, message);
      }
      return (res.status === 204 ? undefined : await res.json()) as T;
    },
    [keycloak, environment, realm],
  );
}

/** One pack policy's blast radius, as GET nhi-guard/readiness answers it. */
export type RuleReadiness = {
  policy: string;
  rule: string;
  mode: "enforce" | "report-only";
  clientsGoverned: number;
  refusedAtSave: { clientId: string; violations: string[]; findings: string[] }[];
  refusedAtTokenTime: { clientId: string; violations: string[]; findings: string[] }[];
  requestsRefused: number;
  requestsWouldRefuse: number;
};

export type Readiness = { realm: string; asOf: string; days: number; rules: RuleReadiness[] };

/**
 * POST nhi-guard/onboard's answer: what it added (or, in a dry run, would add), what was there already, and readiness
 * for a caller who may view clients.
 */
export type Onboarding = {
  dryRun: boolean;
  added: { profiles: string[]; policies: string[] };
  unchanged: { profiles: string[]; policies: string[] };
  readiness?: Readiness;
};
