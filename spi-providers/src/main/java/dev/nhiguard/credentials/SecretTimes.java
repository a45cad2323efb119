package dev.nhiguard.credentials;

import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The times Keycloak keeps of a client's secret and of its rotated predecessor, as it stores them (epoch seconds in a
 * string), read one way by every rule: digits only, a moment no later than the year 9999. Anything else is no time:
 * a creation time past a long's milliseconds once made a secret "expire" in the year -267664694, and an expiration
 * that is not a number makes Keycloak fail the client's authentication. Such values are refused at save. Pure.
 */
public final class SecretTimes {

    /** The attributes Keycloak reads as epoch seconds. */
    public static final List<String> ATTRIBUTES = List.of(NhiAttributes.KC_SECRET_CREATION_TIME, NhiAttributes.KC_SECRET_EXPIRATION_TIME,
            NhiAttributes.KC_ROTATED_SECRET_CREATION_TIME, NhiAttributes.KC_ROTATED_SECRET_EXPIRATION_TIME);

    static final long LATEST = 253_402_300_799L;    // 9999-12-31T23:59:59Z
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");

    private SecretTimes() {
    }

    /** The time in epoch seconds; null when absent or unreadable. */
    public static Long read(String value) {
        // no trimming: Keycloak reads the value as it is, and " 1796687526" fails its authentication of the client
        if (value == null || !DIGITS.matcher(value).matches()) {
            return null;
        }
        long seconds = Long.parseLong(value);
        return seconds <= LATEST ? seconds : null;
    }

    /** Present, and no time {@link #read} takes. */
    public static boolean unreadable(String value) {
        return value != null && !value.isBlank() && read(value) == null;
    }

    /** One violation per unreadable time, naming the attribute. */
    public static List<FieldViolation> problems(Function<String, String> attributes) {
        List<FieldViolation> problems = new ArrayList<>(0);
        for (String name : ATTRIBUTES) {
            String value = attributes.apply(name);
            if (unreadable(value)) {
                problems.add(new FieldViolation(name, NhiMessages.format("nhiSecretTimeUnreadable", SafeText.echo(value, 40)),
                        Finding.INVALID_SECRET_TIME));
            }
        }
        return problems;
    }
}
