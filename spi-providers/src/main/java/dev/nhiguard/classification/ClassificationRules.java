package dev.nhiguard.classification;

import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Whether a client's classification can be read. Pure. */
public final class ClassificationRules {

    private ClassificationRules() {
    }

    /** Environment labels: plain ASCII, so that no invisible or look-alike character can make "prod" miss a policy. */
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * An unknown tier or an unreadable environment is refused when saved; stored anyway (through a door), the tier
     * reads as critical and the environment matches every environment a policy names, and both are reported.
     */
    public static List<FieldViolation> check(Map<String, String> attributes) {
        List<FieldViolation> violations = new ArrayList<>();
        String tier = attributes.get(NhiAttributes.TIER);
        if (Tier.isUnknown(tier)) {
            violations.add(new FieldViolation(NhiAttributes.TIER,
                    NhiMessages.format("nhiTierUnknown", SafeText.echo(tier, 20)), Finding.UNKNOWN_TIER));
        }
        String environment = attributes.get(NhiAttributes.ENVIRONMENT);
        if (isUnreadableEnvironment(environment)) {
            violations.add(new FieldViolation(NhiAttributes.ENVIRONMENT,
                    NhiMessages.format("nhiEnvironmentInvalid", SafeText.echo(environment, 70)), Finding.INVALID_ENVIRONMENT));
        }
        return violations;
    }

    /** Set, and not a plain label (surrounding spaces and case are forgiven, as policies compare ignoring them). */
    public static boolean isUnreadableEnvironment(String environment) {
        return environment != null && !environment.isBlank() && !ENVIRONMENT.matcher(environment.trim()).matches();
    }
}
