package dev.nhiguard.ownership;

import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.DescribedPolicyException;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.ServiceAccountClients;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

class OwnerRequiredExecutor implements ClientPolicyExecutorProvider<OwnerRequiredExecutorConfiguration> {

    private static final List<String> OWNERSHIP_ATTRIBUTES = List.of(
            NhiAttributes.OWNER, NhiAttributes.OWNER_GROUP, NhiAttributes.PURPOSE, NhiAttributes.REVIEW_BY);

    private final KeycloakSession session;
    private OwnerRequiredConfig config = OwnerRequiredConfig.defaults();

    OwnerRequiredExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(OwnerRequiredExecutorConfiguration configuration) {
        this.config = configuration.toConfig();
    }

    @Override
    public Class<OwnerRequiredExecutorConfiguration> getExecutorConfigurationClass() {
        return OwnerRequiredExecutorConfiguration.class;
    }

    @Override
    public String getProviderId() {
        return OwnerRequiredExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            // Only create and update: switching the policy on must never lock out clients that already exist.
            case REGISTER, UPDATE -> check((ClientCRUDContext) context);
            default -> {
            }
        }
    }

    private void check(ClientCRUDContext context) throws ClientPolicyException {
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        ClientModel existing = context.getTargetClient();
        if (proposed == null || !ServiceAccountClients.isServiceAccountClient(proposed, existing)) {
            return;
        }
        Map<String, String> attributes = ServiceAccountClients.effectiveAttributes(proposed, existing, OWNERSHIP_ATTRIBUTES);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<FieldViolation> violations = new OwnershipRules(config)
                .check(attributes, new RealmOwnerDirectory(session, session.getContext().getRealm()), today);
        if (!violations.isEmpty()) {
            String description = violations.stream().map(FieldViolation::describe).collect(Collectors.joining("; "));
            throw new DescribedPolicyException(OAuthErrorException.INVALID_CLIENT_METADATA, description);
        }
    }
}
