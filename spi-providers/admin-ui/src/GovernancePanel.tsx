import {
  Alert, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Label, LabelGroup,
  PageSection, Spinner, Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type Review, type ReviewItem, useNhiApi } from "./api";
import { Findings, StateLabel, when } from "./Labels";
import { ReviewActions } from "./ReviewActions";

/** The Governance tab of a client: who answers for it, how it is used, what is wrong with it, its reviews. */
export const GovernancePanel = ({ realm, clientUuid }: { realm: string; clientUuid: string }) => {
  const { t } = useTranslation();
  const api = useNhiApi(realm);
  const [item, setItem] = useState<ReviewItem | null>();
  const [history, setHistory] = useState<Review[]>([]);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setItem(await api<ReviewItem>(`clients/${encodeURIComponent(clientUuid)}`));
      setHistory(await api<Review[]>(`clients/${encodeURIComponent(clientUuid)}/reviews`));
      setError(undefined);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        setItem(null); // not a machine identity (or not the caller's): nothing to govern here
      } else {
        setError((e as Error).message);
      }
    }
  }, [api, clientUuid]);
  useEffect(() => { void load(); }, [load]);

  if (item === undefined && !error) return <Spinner />;
  return (
    <PageSection variant="light" data-testid="nhi-governance">
      {error && <Alert variant="danger" isInline title={error} />}
      {item === null && <Alert variant="info" isInline title={t("nhiGuardNotMachineIdentity")} />}
      {item && (
        <>
          {item.secretExpires && item.secretState !== "ok" && (
            <Alert variant={item.secretState === "expired" ? "danger" : "warning"} isInline data-testid="nhi-secret-alert" className="pf-v5-u-mb-md"
                   title={t(item.secretState === "expired" ? "nhiGuardSecretExpiredAlert" : "nhiGuardSecretExpiringAlert",
                            { date: item.secretExpires.substring(0, 10) })} />
          )}
          <DescriptionList isHorizontal columnModifier={{ lg: "2Col" }}>
            <Term name={t("nhiGuardOwner")}>{item.owner ?? "—"}{item.ownerGroup ? ` (${item.ownerGroup})` : ""}</Term>
            <Term name={t("nhiGuardPurpose")}>{item.purpose ?? "—"}</Term>
            <Term name={t("nhiGuardTier")}>{item.tier}</Term>
            <Term name={t("nhiGuardReviewBy")}>{item.reviewBy ?? "—"} <StateLabel state={item.reviewState} /></Term>
            <Term name={t("nhiGuardLastUsed")}>{when(item.lastUsed)} ({t("nhiGuardRequests30d", { count: item.requests30d })})</Term>
            <Term name={t("nhiGuardCredential")}>
              <span data-testid="nhi-credential">
                {item.credentialType ?? item.clientAuthentication ?? "—"}
                {item.secretAgeDays !== null ? ` (${t("nhiGuardSecretAge", { days: item.secretAgeDays })}` : ""}
                {item.secretExpires ? `, ${t("nhiGuardSecretExpires", { date: item.secretExpires.substring(0, 10) })})` : item.secretAgeDays !== null ? ")" : ""}
              </span>
            </Term>
            <Term name={t("nhiGuardSenderConstraint")}>{item.senderConstraint}</Term>
            <Term name={t("nhiGuardScopes")}>
              <LabelGroup numLabels={8}>
                {item.scopes.map((s) => (
                  <Label key={s} isCompact color={item.unusedScopes.includes(s) ? "orange" : "grey"}
                         title={item.unusedScopes.includes(s) ? t("nhiGuardUnusedScope") : undefined}>{s}</Label>
                ))}
              </LabelGroup>
            </Term>
            <Term name={t("nhiGuardFindings")}><Findings findings={item.findings} /></Term>
          </DescriptionList>
          {item.mayReview && (
            <div className="pf-v5-u-mt-md">
              <ReviewActions realm={realm} clientUuid={item.id} clientId={item.clientId}
                             revokeDeletesAfterDays={item.revokeDeletesAfterDays} findings={item.findings} mayClear={item.mayReassign}
                             onDone={load} onError={setError} />
            </div>
          )}
          <Title headingLevel="h2" className="pf-v5-u-mt-lg">{t("nhiGuardHistory")}</Title>
          <Table aria-label={t("nhiGuardHistory")} variant="compact" data-testid="nhi-review-history">
            <Thead><Tr>
              <Th>{t("nhiGuardWhen")}</Th><Th>{t("nhiGuardReviewer")}</Th><Th>{t("nhiGuardDecision")}</Th>
              <Th>{t("nhiGuardComment")}</Th><Th>{t("nhiGuardReviewBy")}</Th>
            </Tr></Thead>
            <Tbody>
              {history.length === 0 && <Tr><Td colSpan={5}>{t("nhiGuardNoReviews")}</Td></Tr>}
              {history.map((r) => (
                <Tr key={r.id}>
                  <Td>{when(r.time)}</Td><Td>{r.reviewer}</Td><Td>{r.decision}</Td>
                  {/* comments are text: React escapes them, markup is shown, never run */}
                  <Td style={{ whiteSpace: "pre-wrap" }}>{r.comment ?? ""}</Td>
                  <Td>{r.reviewByBefore ?? "—"} → {r.reviewByAfter ?? "—"}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
    </PageSection>
  );
};

const Term = ({ name, children }: { name: string; children: React.ReactNode }) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{name}</DescriptionListTerm>
    <DescriptionListDescription>{children}</DescriptionListDescription>
  </DescriptionListGroup>
);
