package dev.nhiguard.keycloakdb;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Parameter;
import jakarta.persistence.TypedQuery;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs every {@link KeycloakQuery} once at start-up, in every form it takes, against the server's own database, with
 * values that match nothing: a Keycloak whose entities no longer fit a query is named in the log and in server info
 * the moment it starts.
 */
public final class KeycloakQueryCheck {

    private static final Logger LOG = Logger.getLogger(KeycloakQueryCheck.class);
    private static final String NOTHING = "nhi-guard-query-check";

    private static volatile String outcome = "not run yet";

    private KeycloakQueryCheck() {
    }

    /** What the last check found, for server info: "n of n ran", or the queries that failed. */
    public static String outcome() {
        return outcome;
    }

    public static void run(KeycloakSessionFactory factory) {
        List<String> failed = new ArrayList<>();
        int forms = 0;
        for (KeycloakQuery query : KeycloakQuery.values()) {
            List<ClientSelection> selections = query.selects() ? List.of(ClientSelection.values()) : java.util.Collections.singletonList(null);
            for (ClientSelection selection : selections) {
                forms++;
                String form = selection == null ? query.name() : query.name() + "(" + selection.name().toLowerCase(java.util.Locale.ROOT) + ")";
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, session -> {
                        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
                        TypedQuery<Object> typed = em.createQuery(query.jpql(selection, List.of(NOTHING)), Object.class);
                        typed.getParameters().forEach(parameter -> bindNothing(typed, parameter));
                        typed.setMaxResults(1).getResultList();
                    });
                } catch (RuntimeException e) {
                    failed.add(form);
                    LOG.errorf("NHI Guard: the query %s on Keycloak's tables fails on this Keycloak (%s): %s; the features that read it will fail too",
                            form, org.keycloak.common.Version.VERSION, e.getMessage());
                }
            }
        }
        outcome = failed.isEmpty() ? forms + " of " + forms + " ran" : "failed: " + String.join(", ", failed);
        if (failed.isEmpty()) {
            LOG.debugf("NHI Guard: the %d queries on Keycloak's tables ran", forms);
        }
    }

    private static void bindNothing(TypedQuery<Object> query, Parameter<?> parameter) {
        Class<?> type = parameter.getParameterType();
        Object value;
        if (type != null && Collection.class.isAssignableFrom(type) || isListParameter(parameter.getName())) {
            value = List.of(NOTHING);
        } else if (type == Long.class || type == long.class) {
            value = Long.MIN_VALUE;
        } else if (type == Boolean.class || type == boolean.class) {
            value = Boolean.TRUE;
        } else if (type == Integer.class || type == int.class) {
            value = Integer.MIN_VALUE;
        } else {
            value = NOTHING;
        }
        query.setParameter(parameter.getName(), value);
    }

    /** The parameters written as {@code in :name}: the provider may not report a collection type before binding. */
    private static boolean isListParameter(String name) {
        return switch (name) {
            case "ids", "names", "users", "groups", "parents", "scopes", "roles" -> true;
            default -> false;
        };
    }
}
