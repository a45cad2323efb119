import { Label, LabelGroup, Popover } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

/** A review state as a coloured label: overdue red, due orange, the rest green. */
export const StateLabel = ({ state }: { state: string }) => {
  const { t } = useTranslation();
  const color = state === "overdue" ? "red" : state === "due" ? "orange" : "green";
  return <Label color={color} data-testid="nhi-review-state">{t(`nhiGuardState_${state}`)}</Label>;
};

/**
 * Findings as labels an owner can act on: each shows its short name, and a click opens what it means and how to fix
 * it (the message bundle; the stable code stays visible for scripts and docs/reference.md's table).
 */
export const Findings = ({ findings }: { findings: string[] }) => {
  const { t } = useTranslation();
  return (
    <LabelGroup numLabels={4}>
      {findings.map((f) => (
        <Popover key={f} headerContent={t(`nhiFinding_${f}`)} aria-label={t("nhiGuardFindingHelp")}
                 bodyContent={<div data-testid={`nhi-finding-help-${f}`}>{t(`nhiFindingHelp_${f}`)}</div>}
                 footerContent={<code>{f}</code>}>
          <Label isCompact color="orange" data-testid={`nhi-finding-${f}`} onClick={() => undefined} title={t("nhiGuardFindingHelp")}>
            {t(`nhiFinding_${f}`)}
          </Label>
        </Popover>
      ))}
    </LabelGroup>
  );
};

/** A timestamp as the browser's locale shows it, or a dash. */
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");
