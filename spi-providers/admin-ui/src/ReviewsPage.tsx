import { useEnvironment } from "@keycloak/keycloak-admin-ui";
import {
  Alert, Button, FormSelect, FormSelectOption, PageSection, Pagination, SearchInput, Spinner, Text, TextContent, Title,
  ToggleGroup, ToggleGroupItem, Toolbar, ToolbarContent, ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { Fragment, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { FINDINGS, type ReviewItem, useNhiApi } from "./api";
import { GovernancePanel } from "./GovernancePanel";
import { Findings, StateLabel, when } from "./Labels";
import { ReviewActions } from "./ReviewActions";

type State = "all" | "overdue" | "due";

/**
 * "Service account reviews": the caller's review queue (all identities for admins, their own for owners), overdue
 * first, with Attest and Revoke on each row. Without links to client pages (owners have none), a row opens the same
 * Governance panel in place.
 */
export const ReviewsPage = ({ linkToClients = true }: { linkToClients?: boolean }) => {
  const { t } = useTranslation();
  const { environment } = useEnvironment();
  const realm = useParams().realm ?? environment.realm;
  const api = useNhiApi(realm);
  const [state, setState] = useState<State>("all");
  const [ownerInput, setOwnerInput] = useState("");
  const [owner, setOwner] = useState("");
  const [finding, setFinding] = useState("");
  const [open, setOpen] = useState<string>();
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(20);
  const [rows, setRows] = useState<ReviewItem[]>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const load = useCallback(async () => {
    try {
      // one more than a page: tells whether there is a next page
      const query = new URLSearchParams({ state, first: String((page - 1) * perPage), max: String(perPage + 1) });
      if (owner) query.set("owner", owner);
      if (finding) query.set("finding", finding);
      setRows(await api<ReviewItem[]>(`reviews?${query}`));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, state, owner, finding, page, perPage]);
  useEffect(() => { void load(); }, [load]);

  const shown = rows?.slice(0, perPage) ?? [];
  return (
    <>
      <PageSection variant="light">
        <TextContent>
          <Title headingLevel="h1">{t("nhiGuardReviews")}</Title>
          <Text>{t("nhiGuardReviewsHelp")}</Text>
        </TextContent>
      </PageSection>
      <PageSection variant="light" data-testid="nhi-reviews">
        {error && <Alert variant="danger" isInline title={error} />}
        {done && <Alert variant="success" isInline title={done} />}
        <Toolbar><ToolbarContent>
          <ToolbarItem>
            <ToggleGroup aria-label={t("nhiGuardStateFilter")}>
              {(["all", "overdue", "due"] as State[]).map((s) => (
                <ToggleGroupItem key={s} text={t(`nhiGuardFilter_${s}`)} buttonId={`nhi-filter-${s}`} isSelected={state === s}
                                 onChange={() => { setState(s); setPage(1); }} />
              ))}
            </ToggleGroup>
          </ToolbarItem>
          <ToolbarItem>
            <SearchInput placeholder={t("nhiGuardOwnerFilter")} aria-label={t("nhiGuardOwnerFilter")} data-testid="nhi-filter-owner"
                         value={ownerInput} onChange={(_e, value) => setOwnerInput(value)}
                         onSearch={(_e, value) => { setOwner(value.trim()); setPage(1); }}
                         onClear={() => { setOwnerInput(""); setOwner(""); setPage(1); }} />
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect value={finding} aria-label={t("nhiGuardFindingFilter")} data-testid="nhi-filter-finding"
                        onChange={(_e, value) => { setFinding(value); setPage(1); }}>
              <FormSelectOption value="" label={t("nhiGuardAnyFinding")} />
              {FINDINGS.map((f) => <FormSelectOption key={f} value={f} label={f} />)}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem variant="pagination">
            <Pagination perPage={perPage} page={page} itemCount={(page - 1) * perPage + (rows?.length ?? 0)}
                        toggleTemplate={({ firstIndex, lastIndex }) => <>{firstIndex} - {lastIndex}</>}
                        onSetPage={(_e, p) => setPage(p)} onPerPageSelect={(_e, n) => { setPerPage(n); setPage(1); }} isCompact />
          </ToolbarItem>
        </ToolbarContent></Toolbar>
        {!rows ? <Spinner /> : (
          <Table aria-label={t("nhiGuardReviews")} variant="compact">
            <Thead><Tr>
              <Th>{t("nhiGuardClient")}</Th><Th>{t("nhiGuardOwner")}</Th><Th>{t("nhiGuardReviewBy")}</Th>
              <Th>{t("nhiGuardLastUsed")}</Th><Th>{t("nhiGuardFindings")}</Th><Th screenReaderText={t("nhiGuardActions")} />
            </Tr></Thead>
            <Tbody>
              {shown.length === 0 && <Tr><Td colSpan={6}>{t("nhiGuardNothingToReview")}</Td></Tr>}
              {shown.map((r) => (
                <Fragment key={r.id}>
                <Tr data-testid={`nhi-row-${r.clientId}`}>
                  <Td dataLabel={t("nhiGuardClient")}>
                    {linkToClients
                      ? <Link to={`/${encodeURIComponent(realm)}/clients/${encodeURIComponent(r.id)}/governance`}>{r.clientId}</Link>
                      : <Button variant="link" isInline data-testid={`nhi-details-${r.clientId}`} aria-expanded={open === r.id}
                                onClick={() => setOpen(open === r.id ? undefined : r.id)}>{r.clientId}</Button>}
                    <div className="pf-v5-u-font-size-sm pf-v5-u-color-200">{r.purpose ?? ""}</div>
                  </Td>
                  <Td dataLabel={t("nhiGuardOwner")}>{r.owner ?? "—"}</Td>
                  <Td dataLabel={t("nhiGuardReviewBy")}>{r.reviewBy ?? "—"} <StateLabel state={r.reviewState} /></Td>
                  <Td dataLabel={t("nhiGuardLastUsed")}>{when(r.lastUsed)}</Td>
                  <Td dataLabel={t("nhiGuardFindings")}><Findings findings={r.findings} /></Td>
                  <Td isActionCell>
                    {r.mayReview && (
                      <ReviewActions realm={realm} clientUuid={r.id} clientId={r.clientId} revokeDeletesAfterDays={r.revokeDeletesAfterDays}
                                     findings={r.findings} mayClear={r.mayReassign}
                                     onDone={() => { setDone(t("nhiGuardReviewed", { clientId: r.clientId })); void load(); }}
                                     onError={setError} />
                    )}
                  </Td>
                </Tr>
                {open === r.id && (
                  <Tr isExpanded><Td colSpan={6}><GovernancePanel realm={realm} clientUuid={r.id} /></Td></Tr>
                )}
                </Fragment>
              ))}
            </Tbody>
          </Table>
        )}
      </PageSection>
    </>
  );
};
