package dev.nhiguard.classification;

import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.ServiceAccountClients;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyVote;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

class NhiAttributesCondition extends AbstractClientPolicyConditionProvider<NhiAttributesConditionConfiguration> {

    private static final List<String> SELECTING = List.of(NhiAttributes.TIER, NhiAttributes.ENVIRONMENT, NhiAttributes.OWNER_GROUP);

    NhiAttributesCondition(KeycloakSession session) {
        super(session);
    }

    @Override
    public Class<NhiAttributesConditionConfiguration> getConditionConfigurationClass() {
        return NhiAttributesConditionConfiguration.class;
    }

    @Override
    public String getProviderId() {
        return NhiAttributesConditionFactory.PROVIDER_ID;
    }

    @Override
    public ClientPolicyVote applyPolicy(ClientPolicyContext context) {
        Map<String, String> attributes = attributesOf(context);
        if (attributes == null) {
            return ClientPolicyVote.ABSTAIN;
        }
        return configuration.toMatch().matches(attributes) ? ClientPolicyVote.YES : ClientPolicyVote.NO;
    }

    /** On create and update the attributes being saved count, so a client cannot be saved out of its own policy's reach. */
    private Map<String, String> attributesOf(ClientPolicyContext context) {
        if (context instanceof ClientCRUDContext crud && crud.getProposedClientRepresentation() != null) {
            ClientRepresentation proposed = crud.getProposedClientRepresentation();
            return ServiceAccountClients.effectiveAttributes(proposed, crud.getTargetClient(), SELECTING);
        }
        ClientModel client = session.getContext().getClient();
        if (client == null) {
            return null;
        }
        Map<String, String> attributes = new HashMap<>();
        SELECTING.forEach(name -> attributes.put(name, client.getAttribute(name)));
        return attributes;
    }
}
