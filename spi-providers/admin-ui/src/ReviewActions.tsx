import { Alert, Button, Form, FormGroup, Modal, ModalVariant, TextArea } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNhiApi } from "./api";

type Decision = "attest" | "revoke" | "clear-anomaly";

/** The findings that are open anomaly flags, which a review may clear. */
export const ANOMALY_FINDINGS = ["NEW_NETWORK", "RATE_SPIKE", "HUMAN_USE", "REFUSAL_BURST", "NEW_CERTIFICATE"];

const KEYS: Record<Decision, { action: string; title: string; explained: string }> = {
  attest: { action: "nhiGuardAttest", title: "nhiGuardAttestTitle", explained: "nhiGuardAttestExplained" },
  revoke: { action: "nhiGuardRevoke", title: "nhiGuardRevokeTitle", explained: "nhiGuardRevokeExplained" },
  "clear-anomaly": { action: "nhiGuardClearAnomaly", title: "nhiGuardClearAnomalyTitle", explained: "nhiGuardClearAnomalyExplained" },
};

/**
 * Attest, Revoke and (with open anomaly flags, for the named owner and admins) Clear, each asking for a comment first;
 * calls back once stored.
 */
export const ReviewActions = ({ realm, clientUuid, clientId, revokeDeletesAfterDays, findings, mayClear, onDone, onError }: {
  realm: string;
  clientUuid: string;
  clientId: string;
  revokeDeletesAfterDays: number | null;
  findings: string[];
  mayClear: boolean;
  onDone: () => void;
  onError: (message: string) => void;
}) => {
  const { t } = useTranslation();
  const api = useNhiApi(realm);
  const [decision, setDecision] = useState<Decision>();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      await api(`clients/${encodeURIComponent(clientUuid)}/reviews`, {
        method: "POST",
        body: JSON.stringify(comment.trim() ? { decision, comment } : { decision }),
      });
      setDecision(undefined);
      setComment("");
      onDone();
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="primary" size="sm" data-testid={`nhi-attest-${clientId}`} onClick={() => setDecision("attest")}>
        {t("nhiGuardAttest")}
      </Button>{" "}
      <Button variant="danger" size="sm" data-testid={`nhi-revoke-${clientId}`} onClick={() => setDecision("revoke")}>
        {t("nhiGuardRevoke")}
      </Button>
      {mayClear && findings.some((f) => ANOMALY_FINDINGS.includes(f)) && (
        <>{" "}<Button variant="secondary" size="sm" data-testid={`nhi-clear-anomaly-${clientId}`}
                        onClick={() => setDecision("clear-anomaly")}>{t("nhiGuardClearAnomaly")}</Button></>
      )}
      <Modal
        variant={ModalVariant.small}
        title={decision ? t(KEYS[decision].title, { clientId }) : ""}
        isOpen={decision !== undefined}
        onClose={() => setDecision(undefined)}
        actions={[
          <Button key="confirm" variant={decision === "revoke" ? "danger" : "primary"} isDisabled={busy}
                  data-testid="nhi-review-confirm" onClick={submit}>
            {decision ? t(KEYS[decision].action) : ""}
          </Button>,
          <Button key="cancel" variant="link" onClick={() => setDecision(undefined)}>{t("cancel")}</Button>,
        ]}
      >
        <p>{decision ? t(KEYS[decision].explained) : ""}</p>
        {decision === "revoke" && revokeDeletesAfterDays !== null && (
          <Alert variant="warning" isInline isPlain className="pf-v5-u-mt-sm" data-testid="nhi-revoke-deletes"
                 title={t("nhiGuardRevokeMayDelete", { days: revokeDeletesAfterDays })} />
        )}
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={t("nhiGuardComment")} fieldId="nhi-review-comment">
            <TextArea id="nhi-review-comment" data-testid="nhi-review-comment" value={comment} maxLength={2000}
                      onChange={(_e, value) => setComment(value)} resizeOrientation="vertical" />
          </FormGroup>
        </Form>
      </Modal>
    </>
  );
};
