import { type ReactNode, useEffect } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { useHref, useNavigate, useParams } from "react-router-dom";
import { GovernancePanel } from "./GovernancePanel";
import { usePortalTarget } from "./portal";

/**
 * The stock client page (route "/:realm/clients/:clientId/:tab") with a Governance tab. The stock tab list knows no
 * tab "governance", so for it the page shows its header and tabs with an empty body; this adds the tab to the list
 * and draws the panel below. Should the stock markup change, the tab is simply missing: nothing else breaks.
 */
export const ClientDetailsWithGovernance = ({ original }: { original: ReactNode }) => {
  const { t } = useTranslation();
  const { realm, clientId, tab } = useParams();
  const to = `/${encodeURIComponent(realm!)}/clients/${encodeURIComponent(clientId!)}/governance`;
  const href = useHref(to);
  const navigate = useNavigate();
  const active = tab === "governance";
  const host = usePortalTarget('[data-testid="client-tabs"] > .pf-v5-c-tabs__list', "li", "pf-v5-c-tabs__item");
  useEffect(() => {
    host?.classList.toggle("pf-m-current", active);
    if (active) {
      // the stock tab the router left marked current is not the one shown
      document.querySelectorAll('[data-testid="client-tabs"] > .pf-v5-c-tabs__list > li.pf-m-current')
        .forEach((li) => { if (li !== host) li.classList.remove("pf-m-current"); });
    }
  }, [host, active]);

  return (
    <>
      {original}
      {host && createPortal(
        <a className="pf-v5-c-tabs__link" href={href} data-testid="nhi-governance-tab"
           onClick={(e) => { e.preventDefault(); navigate(to); }}>
          <span className="pf-v5-c-tabs__item-text">{t("nhiGuardGovernance")}</span>
        </a>, host)}
      {active && <GovernancePanel realm={realm!} clientUuid={clientId!} />}
    </>
  );
};
