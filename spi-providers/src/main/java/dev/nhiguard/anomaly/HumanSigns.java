package dev.nhiguard.anomaly;

import org.keycloak.OAuth2Constants;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What says a person, not a program, is using a machine identity: a grant that involves a person, or a user agent of
 * one of the classes people use: browsers of every engine (every one sends {@code Mozilla/} or {@code Opera/}, a bare
 * {@code Mozilla/5.0} included), text browsers, crawlers (a machine secret has no business in one), and API tools
 * people click through (Postman, Insomnia and their kind). Matched ignoring case, as agents are sent in any case.
 * Libraries and command-line clients that scripts use (curl, wget, python-requests, Go, Java, okhttp, axios, node)
 * are programs. Misses a person who sends a program's user agent with client_credentials: nothing in the request
 * tells them apart.
 */
final class HumanSigns {

    private static final Set<String> INTERACTIVE_GRANTS = Set.of(OAuth2Constants.PASSWORD, OAuth2Constants.AUTHORIZATION_CODE,
            OAuth2Constants.DEVICE_CODE_GRANT_TYPE, OAuth2Constants.CIBA_GRANT_TYPE, "implicit");

    /** A class of user agent and the lower-case tokens that identify it (a prefix when it ends with '/', else anywhere). */
    private record AgentClass(String label, List<String> prefixes, List<String> anywhere) {
    }

    private static final List<AgentClass> CLASSES = List.of(
            new AgentClass("browser", List.of("mozilla/", "opera/"), List.of("applewebkit/", "gecko/", "trident/", "presto/", "edgehtml/", "khtml")),
            new AgentClass("text browser", List.of("lynx/", "links ", "links/", "elinks/", "w3m/", "browsh/"), List.of()),
            new AgentClass("crawler", List.of(), List.of("googlebot", "bingbot", "duckduckbot", "baiduspider", "yandexbot", "slurp",
                    "facebookexternalhit", "applebot", "twitterbot", "slackbot", "ahrefsbot", "semrushbot", "petalbot", "ia_archiver",
                    "(+http:", "(+https:", "; +http:", "; +https:")),
            new AgentClass("API tool", List.of("postmanruntime/", "insomnia/", "thunder client", "httpie/", "paw/", "rapidapi/",
                    "bruno-runtime/", "apidog/", "apifox/"), List.of("hoppscotch")));

    private HumanSigns() {
    }

    static boolean interactiveGrant(String grant) {
        return grant != null && !OAuth2Constants.CLIENT_CREDENTIALS.equals(grant) && INTERACTIVE_GRANTS.contains(grant);
    }

    /** The class of person-driven user agent this is (browser, text browser, crawler, API tool), or empty for a program's. */
    static Optional<String> personAgent(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.empty();
        }
        String agent = userAgent.trim().toLowerCase(Locale.ROOT);
        for (AgentClass c : CLASSES) {
            if (c.prefixes().stream().anyMatch(agent::startsWith) || c.anywhere().stream().anyMatch(agent::contains)) {
                return Optional.of(c.label());
            }
        }
        return Optional.empty();
    }
}
