package dev.nhiguard.policy;

import dev.nhiguard.shared.NhiMessages;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.services.ErrorResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with an executor's options when a client profile is saved. Keycloak's own answer to an
 * invalid option is one generic sentence; this answers HTTP 400 naming each option and why, and logs it at warn.
 */
public final class InvalidOption {

    private static final Logger LOG = Logger.getLogger(InvalidOption.class);

    private final String executor;
    private final List<String> problems = new ArrayList<>();

    public InvalidOption(String executor) {
        this.executor = executor;
    }

    /** Notes {@code option} as wrong unless {@code valid}; the reason is the message {@code key} with {@code args}. */
    public InvalidOption check(boolean valid, String option, String key, Object... args) {
        if (!valid) {
            problems.add(option + ": " + NhiMessages.format(key, args));
        }
        return this;
    }

    /**
     * Keycloak calls {@code validateConfig()} only while saving client profiles (admin API or realm import), in the
     * request that saves them, so the refusal reaches exactly the admin who sent the options.
     */
    public boolean validOrRefuse() {
        if (problems.isEmpty()) {
            return true;
        }
        String message = message();
        LOG.warnf("client profile refused: %s", message);
        throw ErrorResponse.error(message, Response.Status.BAD_REQUEST);
    }

    /** What the refusal says: the component, then each option and why; null when nothing is wrong. */
    String message() {
        return problems.isEmpty() ? null : executor + ": " + String.join("; ", problems);
    }
}
