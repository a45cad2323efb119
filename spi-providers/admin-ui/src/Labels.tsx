import { Label, LabelGroup } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

/** A review state as a coloured label: overdue red, due orange, the rest green. */
export const StateLabel = ({ state }: { state: string }) => {
  const { t } = useTranslation();
  const color = state === "overdue" ? "red" : state === "due" ? "orange" : "green";
  return <Label color={color} data-testid="nhi-review-state">{t(`nhiGuardState_${state}`)}</Label>;
};

/** Finding codes as labels; the codes are stable, their meanings are in the README. */
export const Findings = ({ findings }: { findings: string[] }) => (
  <LabelGroup numLabels={4}>
    {findings.map((f) => <Label key={f} isCompact>{f}</Label>)}
  </LabelGroup>
);

/** A timestamp as the browser's locale shows it, or a dash. */
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");
