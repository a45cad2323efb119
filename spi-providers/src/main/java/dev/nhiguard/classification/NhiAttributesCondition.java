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

import java.util.List;

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
        NhiAttributesMatch match = configuration.toMatch();
        if (context instanceof ClientCRUDContext crud && crud.getProposedClientRepresentation() != null) {
            // the attributes being saved count, and on update so do the stored ones: lowering a client's tier and
            // dropping the control its tier demands cannot happen in one save
            ClientRepresentation proposed = crud.getProposedClientRepresentation();
            ClientModel stored = crud.getTargetClient();
            boolean selected = match.matches(ServiceAccountClients.effectiveAttributes(proposed, stored, SELECTING))
                    || stored != null && match.matches(stored::getAttribute);
            return selected ? ClientPolicyVote.YES : ClientPolicyVote.NO;
        }
        ClientModel client = session.getContext().getClient();
        if (client == null) {
            return ClientPolicyVote.ABSTAIN;
        }
        return match.matches(client::getAttribute) ? ClientPolicyVote.YES : ClientPolicyVote.NO;
    }
}
