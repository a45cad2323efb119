package dev.nhiguard.inventory;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import dev.nhiguard.shared.PackVersion;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;
import java.util.Map;

/** Mounts the pack's admin API at {@code /admin/realms/{realm}/nhi-guard}. */
public class NhiGuardAdminResourceProviderFactory implements AdminRealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-guard";

    private InventorySettings settings = InventorySettings.defaults();

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        InventorySettings current = settings;
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
                return new NhiGuardAdminResource(s, realm, auth, current);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        settings = InventorySettings.from(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return PackVersion.operationalInfo();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(InventorySettings.OLD_SECRET_DAYS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("A client secret older than this many days is reported as OLD_SECRET.")
                .defaultValue(InventorySettings.DEFAULT_OLD_SECRET_DAYS).add()
                .property().name(InventorySettings.CERT_EXPIRY_DAYS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("A client certificate expiring within this many days is reported as CERT_EXPIRING.")
                .defaultValue(InventorySettings.DEFAULT_CERT_EXPIRY_DAYS).add()
                .property().name(InventorySettings.MAX_PAGE_SIZE).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Largest value the inventory accepts for max.")
                .defaultValue(InventorySettings.DEFAULT_MAX_PAGE_SIZE).add()
                .build();
    }
}
