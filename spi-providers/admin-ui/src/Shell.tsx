import {
  AdminClientProvider, AppContexts, Header, PageBreadCrumbs, PageNav,
  useAccess, useEnvironment, useRealm, type AdminEnvironment,
} from "@keycloak/keycloak-admin-ui";
import {
  Button, Masthead, MastheadContent, MastheadMain, Nav, NavGroup, NavItem, NavList,
  Page, PageSidebar, PageSidebarBody, Spinner,
} from "@patternfly/react-core";
import { Suspense, useEffect, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useMatches } from "react-router-dom";
import { usePortalTarget } from "./portal";
import { ReviewsPage } from "./ReviewsPage";

/** Decides between the full stock console (realm-management roles) and the NHI-only shell. */
export const Shell = () => {
  const { keycloak, environment } = useEnvironment<AdminEnvironment>();
  const [isAdmin, setIsAdmin] = useState<boolean>();
  useEffect(() => {
    const r = encodeURIComponent(environment.realm);
    // whoami answers 403 "No realm access" for users without any realm-management role;
    // /admin/serverinfo (needed by the stock AppContexts) then fails too.
    fetch(`${environment.adminBaseUrl}/admin/${r}/console/whoami?currentRealm=${r}`, {
      headers: { Authorization: `Bearer ${keycloak.token}` },
    }).then((res) => setIsAdmin(res.ok), () => setIsAdmin(false));
  }, [keycloak, environment]);
  if (isAdmin === undefined) return <Spinner />;
  return isAdmin ? <FullConsole /> : <NhiOnlyConsole />;
};

/** Copy of the stock App (apps/admin-ui/src/App.tsx) with our nav entry added. */
const FullConsole = () => (
  <AdminClientProvider>
    <AppContexts>
      <Page header={<Header />} isManagedSidebar sidebar={<PageNav />}
        breadcrumb={<PageBreadCrumbs />} mainContainerId="kc-main-content-page-container">
        <NhiNavEntry />
        <Suspense fallback={<Spinner />}>
          <AuthWall><Outlet /></AuthWall>
        </Suspense>
      </Page>
    </AppContexts>
  </AdminClientProvider>
);

/** Appends an "NHI Guard" group to the stock sidebar <nav> (PageNav itself is not extensible). */
const NhiNavEntry = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const host = usePortalTarget(".keycloak__page_nav__nav nav");
  return host && createPortal(
    <NavGroup title={t("nhiGuard")}>
      <li className="pf-v5-c-nav__item">
        <NavLink to={`/${encodeURIComponent(realm)}/nhi-guard-reviews`}
          className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}>
          {t("nhiGuardReviews")}
        </NavLink>
      </li>
      <li className="pf-v5-c-nav__item">
        <NavLink to={`/${encodeURIComponent(realm)}/nhi-guard-readiness`} data-testid="nhi-nav-readiness"
          className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}>
          {t("nhiGuardReadiness")}
        </NavLink>
      </li>
    </NavGroup>, host);
};

/** Same check as the stock (unexported) root/AuthWall.tsx. */
const AuthWall = ({ children }: { children: ReactNode }) => {
  const { hasAccess } = useAccess();
  const needed = useMatches().flatMap(({ handle }) => {
    const a = (handle as { access?: unknown } | undefined)?.access;
    return a === undefined ? [] : Array.isArray(a) ? a : [a];
  });
  return hasAccess(...needed) ? children : <p className="pf-v5-u-p-lg">403</p>;
};

/** For realm users without realm-management roles: only our page, no stock contexts. */
const NhiOnlyConsole = () => {
  const { t } = useTranslation();
  const { keycloak, environment } = useEnvironment<AdminEnvironment>();
  return (
    <Page
      header={<Masthead><MastheadMain>{environment.realm}</MastheadMain>
        <MastheadContent><Button variant="plain" onClick={() => keycloak.logout()}>{t("nhiGuardSignOut")}</Button></MastheadContent>
      </Masthead>}
      sidebar={<PageSidebar><PageSidebarBody><Nav><NavList>
        <NavItem isActive>{t("nhiGuardReviews")}</NavItem>
      </NavList></Nav></PageSidebarBody></PageSidebar>}>
      <ReviewsPage linkToClients={false} />
    </Page>
  );
};
