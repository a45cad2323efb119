package dev.nhiguard.admin;

import dev.nhiguard.inventory.InventorySettings;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
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
                return new NhiGuardAdminResource(s, realm, auth, adminEvent, current);
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
        // the pack's top package starts the timed lifecycle work: it may depend on every capability, none on it
        dev.nhiguard.scheduling.LifecycleScheduler.start(factory);
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
        return dev.nhiguard.shared.ServerOptionsInfo.of(getConfigMetadata(), Map.of(InventorySettings.CERT_EXPIRY_DAYS,
                settings.certExpiryDays(), InventorySettings.MAX_PAGE_SIZE, settings.maxPageSize()));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return InventorySettings.configMetadata();
    }
}
