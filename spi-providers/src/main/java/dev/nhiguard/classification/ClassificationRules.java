package dev.nhiguard.classification;

import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.List;
import java.util.Map;

/** Whether a client's classification can be read. Pure. */
public final class ClassificationRules {

    private ClassificationRules() {
    }

    /** An unknown tier is refused when saved; stored anyway (through a door), it reads as critical and is reported. */
    public static List<FieldViolation> check(Map<String, String> attributes) {
        String tier = attributes.get(NhiAttributes.TIER);
        if (Tier.isUnknown(tier)) {
            return List.of(new FieldViolation(NhiAttributes.TIER,
                    NhiMessages.format("nhiTierUnknown", SafeText.echo(tier, 20)), Finding.UNKNOWN_TIER));
        }
        return List.of();
    }
}
