package dev.nhiguard.classification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.policy.DescribedPolicyException;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.PackVersion;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import dev.nhiguard.shared.SafeText;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProviderFactory;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Client policy condition that selects clients by their NHI attributes: tier, environment, owner group. */
public class NhiAttributesConditionFactory extends AbstractClientPolicyConditionProviderFactory implements ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-attributes";
    public static final String TIERS = "tiers";
    public static final String ENVIRONMENTS = "environments";
    public static final String OWNER_GROUPS = "owner-groups";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = build();

    private static List<ProviderConfigProperty> build() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        addCommonConfigProperties(properties);
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(TIERS).label("Tiers").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(Arrays.stream(Tier.values()).map(Tier::label).toList())
                .helpText("Clients whose nhi.tier is one of these (a client without nhi.tier is standard; a value that is not a tier counts as critical). Empty: any tier.")
                .add()
                .property().name(ENVIRONMENTS).label("Environments").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Clients whose nhi.environment is one of these, ignoring case. Empty: any environment.")
                .add()
                .property().name(OWNER_GROUPS).label("Owner groups").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Clients whose nhi.owner-group is one of these group paths. Empty: any owner group.")
                .add()
                .build());
        return properties;
    }

    @Override
    public ClientPolicyConditionProvider create(KeycloakSession session) {
        return new NhiAttributesCondition(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "NHI Guard: applies the policy to clients by their NHI attributes (nhi.tier, nhi.environment, nhi.owner-group). "
                + "All criteria that are set must match; negative logic inverts the result.";
    }

    @Override
    public java.util.Map<String, String> getOperationalInfo() {
        return PackVersion.operationalInfo();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    /**
     * Whether a condition with these stored options selects a client with these attributes, outside a client-policy
     * event: how the inventory tells which clients a policy holds.
     */
    public static boolean selects(JsonNode options, java.util.Map<String, String> attributes) {
        NhiAttributesConditionConfiguration configuration = options == null || options.isNull() ? new NhiAttributesConditionConfiguration()
                : org.keycloak.util.JsonSerialization.mapper.convertValue(options, NhiAttributesConditionConfiguration.class);
        boolean matches = configuration.toMatch().matches(attributes);
        return Boolean.TRUE.equals(configuration.isNegativeLogic()) != matches;
    }

    /** The condition's options; Keycloak's own negative-logic switch is one of them. */
    private static final java.util.Set<String> OPTIONS = java.util.Set.of(TIERS, ENVIRONMENTS, OWNER_GROUPS, "is-negative-logic");

    /**
     * Options of the wrong type or unknown names are refused with a 400 naming them (Keycloak would answer 500 or store
     * a misspelt name); a tier that does not exist would silently select nothing, and is refused too.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ClientPolicyConditionRepresentation condition)
            throws ClientPolicyException {
        if (condition.getConfiguration() != null && !condition.getConfiguration().isNull()) {
            if (!condition.getConfiguration().isObject()) {
                throw org.keycloak.services.ErrorResponse.error(PROVIDER_ID + ": " + NhiMessages.format("nhiOptionsNotAnObject"),
                        jakarta.ws.rs.core.Response.Status.BAD_REQUEST);
            }
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> values = org.keycloak.util.JsonSerialization.mapper.convertValue(condition.getConfiguration(), java.util.Map.class);
            dev.nhiguard.policy.OptionReader options = new dev.nhiguard.policy.OptionReader(PROVIDER_ID, values).allowOnly(OPTIONS);
            options.texts(TIERS);
            options.texts(ENVIRONMENTS);
            options.texts(OWNER_GROUPS);
            options.bool("is-negative-logic");
            options.problems().validOrRefuse();
        }
        JsonNode tiers = condition.getConfiguration() == null ? null : condition.getConfiguration().get(TIERS);
        if (tiers != null && tiers.isArray()) {
            for (JsonNode tier : tiers) {
                if (Tier.parse(tier.asText()).isEmpty()) {
                    // Keycloak wraps this as "Invalid nhi-attributes configuration - <message>"
                    throw new DescribedPolicyException("invalid_configuration",
                            TIERS + ": " + NhiMessages.format("nhiTierUnknown", SafeText.echo(tier.asText(), 20)));
                }
            }
        }
    }
}
