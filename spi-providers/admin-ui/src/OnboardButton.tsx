import { Button, List, ListItem, Modal, ModalVariant } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Onboarding, type Readiness, useNhiApi } from "./api";

/**
 * "Onboard this realm (report-only)": asks the server what it would add (a dry run), shows it, and adds it on
 * confirmation. The server merges and refuses a conflicting name; this only shows its answer.
 */
export const OnboardButton = ({ realm, onDone, onError }: {
  realm: string;
  onDone: (readiness: Readiness | undefined, added: string[]) => void;
  onError: (message: string) => void;
}) => {
  const { t } = useTranslation();
  const api = useNhiApi(realm);
  const [plan, setPlan] = useState<Onboarding>();
  const [busy, setBusy] = useState(false);

  const call = (dryRun: boolean) => api<Onboarding>(`onboard?dryRun=${dryRun}`, { method: "POST" });

  const ask = async () => {
    setBusy(true);
    try {
      setPlan(await call(true));
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    setBusy(true);
    try {
      const done = await call(false);
      setPlan(undefined);
      onDone(done.readiness, [...done.added.profiles, ...done.added.policies]);
    } catch (e) {
      setPlan(undefined);
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const adds = plan ? [...plan.added.profiles, ...plan.added.policies] : [];
  return (
    <>
      <Button variant="secondary" isDisabled={busy} data-testid="nhi-onboard" onClick={ask}>{t("nhiGuardOnboard")}</Button>
      <Modal
        variant={ModalVariant.small}
        title={t("nhiGuardOnboardTitle", { realm })}
        isOpen={plan !== undefined}
        onClose={() => setPlan(undefined)}
        actions={[
          <Button key="confirm" variant="primary" isDisabled={busy || adds.length === 0} data-testid="nhi-onboard-confirm"
                  onClick={confirm}>{t("nhiGuardOnboardAction")}</Button>,
          <Button key="cancel" variant="link" onClick={() => setPlan(undefined)}>{t("cancel")}</Button>,
        ]}
      >
        {adds.length === 0 ? <p data-testid="nhi-onboard-nothing">{t("nhiGuardOnboardNothing")}</p> : (
          <>
            <p>{t("nhiGuardOnboardExplained")}</p>
            <List data-testid="nhi-onboard-plan">
              {plan?.added.profiles.map((name) => <ListItem key={`profile/${name}`}>{t("nhiGuardOnboardProfile", { name })}</ListItem>)}
              {plan?.added.policies.map((name) => <ListItem key={`policy/${name}`}>{t("nhiGuardOnboardPolicy", { name })}</ListItem>)}
            </List>
          </>
        )}
      </Modal>
    </>
  );
};
