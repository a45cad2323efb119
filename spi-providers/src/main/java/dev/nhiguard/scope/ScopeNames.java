package dev.nhiguard.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Facts about scope names that both the token-time rules and the inventory need. */
public final class ScopeNames {

    private ScopeNames() {
    }

    /** RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    public static boolean isValidToken(String scope) {
        if (scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c == 0x22 || c == 0x5C || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * The scopes among {@code available} that narrow {@code scope}: {@code payments:read} and
     * {@code payments.read} narrow {@code payments} when ':' and '.' are separators.
     */
    public static List<String> narrowerThan(String scope, Collection<String> available, String separators) {
        List<String> narrower = null;
        for (String other : available) {
            if (other.length() > scope.length() + 1 && other.startsWith(scope) && separators.indexOf(other.charAt(scope.length())) >= 0) {
                if (narrower == null) {
                    narrower = new ArrayList<>();
                }
                narrower.add(other);
            }
        }
        if (narrower == null) {
            return List.of();
        }
        narrower.sort(null);
        return List.copyOf(narrower);
    }
}
