package dev.nhiguard.shared;

import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorResponseException;

/**
 * An owner's state could not be read: the user federation provider that holds the owner (an LDAP or Active Directory
 * server) did not answer. Never taken as "missing" or "disabled": a directory outage must not make every owner look
 * gone, to a sweep least of all. Answered as 503 with OAuth-style {@code error} and {@code error_description}, at the
 * admin API and the token endpoint alike.
 */
public final class OwnerDirectoryUnavailable extends ErrorResponseException {

    public static final String ERROR = "temporarily_unavailable";

    public OwnerDirectoryUnavailable(String owner) {
        super(ERROR, NhiMessages.format("nhiOwnerDirectoryUnavailable", SafeText.echo(owner, 80)), Response.Status.SERVICE_UNAVAILABLE);
    }
}
