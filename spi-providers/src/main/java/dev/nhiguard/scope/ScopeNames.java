package dev.nhiguard.scope;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Facts about scope names that both the token-time rules and the inventory need. */
public final class ScopeNames {

    /** RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private ScopeNames() {
    }

    public static boolean isValidToken(String scope) {
        return SCOPE_TOKEN.matcher(scope).matches();
    }

    /**
     * The scopes among {@code available} that narrow {@code scope}: {@code payments:read} and
     * {@code payments.read} narrow {@code payments} when ':' and '.' are separators.
     */
    public static List<String> narrowerThan(String scope, Collection<String> available, String separators) {
        return available.stream()
                .filter(other -> other.length() > scope.length() + 1 && other.startsWith(scope)
                        && separators.indexOf(other.charAt(scope.length())) >= 0)
                .sorted()
                .toList();
    }
}
