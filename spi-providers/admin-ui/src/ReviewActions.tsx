import { Alert, Button, Form, FormGroup, Modal, ModalVariant, TextArea } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNhiApi } from "./api";

type Decision = "attest" | "revoke";

/** Attest and Revoke, each asking for a comment first; calls back once the review is stored. */
export const ReviewActions = ({ realm, clientUuid, clientId, revokeDeletesAfterDays, onDone, onError }: {
  realm: string;
  clientUuid: string;
  clientId: string;
  revokeDeletesAfterDays: number | null;
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
      <Modal
        variant={ModalVariant.small}
        title={t(decision === "revoke" ? "nhiGuardRevokeTitle" : "nhiGuardAttestTitle", { clientId })}
        isOpen={decision !== undefined}
        onClose={() => setDecision(undefined)}
        actions={[
          <Button key="confirm" variant={decision === "revoke" ? "danger" : "primary"} isDisabled={busy}
                  data-testid="nhi-review-confirm" onClick={submit}>
            {t(decision === "revoke" ? "nhiGuardRevoke" : "nhiGuardAttest")}
          </Button>,
          <Button key="cancel" variant="link" onClick={() => setDecision(undefined)}>{t("cancel")}</Button>,
        ]}
      >
        <p>{t(decision === "revoke" ? "nhiGuardRevokeExplained" : "nhiGuardAttestExplained")}</p>
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
