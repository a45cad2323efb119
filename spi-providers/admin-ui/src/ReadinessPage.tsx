import { useEnvironment } from "@keycloak/keycloak-admin-ui";
import {
  Alert, ExpandableSection, Label, PageSection, Spinner, Text, TextContent, Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { type Readiness, useNhiApi } from "./api";
import { Findings } from "./Labels";
import { OnboardButton } from "./OnboardButton";

/**
 * "Policy readiness": for each pack policy of the realm, who it would refuse today at a save and at the token
 * endpoint, and how many real requests it refused (or, in report-only, would have) in the last seven days; and the
 * button that adds the pack's recommended policies, in report-only, to a realm that lacks them.
 */
export const ReadinessPage = () => {
  const { t } = useTranslation();
  const { environment } = useEnvironment();
  const realm = useParams().realm ?? environment.realm;
  const api = useNhiApi(realm);
  const [report, setReport] = useState<Readiness>();
  const [error, setError] = useState<string>();
  const [added, setAdded] = useState<string[]>();

  useEffect(() => {
    api<Readiness>("readiness").then(setReport, (e: Error) => setError(e.message));
  }, [api]);

  return (
    <PageSection variant="light">
      <TextContent>
        <Title headingLevel="h1">{t("nhiGuardReadiness")}</Title>
        <Text>{t("nhiGuardReadinessExplained")}</Text>
      </TextContent>
      <OnboardButton realm={realm}
                     onDone={(readiness, names) => { setError(undefined); if (readiness) setReport(readiness); setAdded(names); }}
                     onError={(message) => { setAdded(undefined); setError(message); }} />
      {added && <Alert variant="success" isInline data-testid="nhi-onboard-done"
                       title={added.length ? t("nhiGuardOnboardDone", { names: added.join(", ") }) : t("nhiGuardOnboardNothing")} />}
      {error && <Alert variant="danger" isInline title={error} data-testid="nhi-readiness-error" />}
      {report && report.rules.length === 0 && <Text data-testid="nhi-readiness-none">{t("nhiGuardReadinessNone")}</Text>}
      {!report && !error && <Spinner />}
      {report && (
        <Table aria-label={t("nhiGuardReadiness")} variant="compact" data-testid="nhi-readiness">
          <Thead><Tr>
            <Th>{t("nhiGuardPolicy")}</Th><Th>{t("nhiGuardRule")}</Th><Th>{t("nhiGuardMode")}</Th>
            <Th>{t("nhiGuardRefusedAtSave")}</Th><Th>{t("nhiGuardRefusedAtToken")}</Th>
            <Th>{t("nhiGuardRequestsRefused", { days: report.days })}</Th>
          </Tr></Thead>
          <Tbody>
            {report.rules.map((r) => (
              <Tr key={`${r.policy}/${r.rule}`} data-testid={`nhi-readiness-${r.rule}`}>
                <Td>{r.policy}</Td>
                <Td>{r.rule}</Td>
                <Td><Label isCompact color={r.mode === "enforce" ? "blue" : "orange"}>{r.mode}</Label></Td>
                <Td>
                  <ExpandableSection toggleText={t("nhiGuardOfClients", { count: r.refusedAtSave.length, total: r.clientsGoverned })}>
                    {r.refusedAtSave.map((c) => (
                      <div key={c.clientId}>{c.clientId} <Findings findings={c.findings} /></div>
                    ))}
                  </ExpandableSection>
                </Td>
                <Td>
                  <ExpandableSection toggleText={t("nhiGuardOfClients", { count: r.refusedAtTokenTime.length, total: r.clientsGoverned })}>
                    {r.refusedAtTokenTime.map((c) => (
                      <div key={c.clientId}>{c.clientId} <Findings findings={c.findings} /></div>
                    ))}
                  </ExpandableSection>
                </Td>
                <Td data-testid={`nhi-readiness-requests-${r.rule}`}>
                  {r.mode === "enforce" ? r.requestsRefused : t("nhiGuardWouldRefuse", { count: r.requestsWouldRefuse })}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </PageSection>
  );
};
