package dev.nhiguard.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * The pack's own tables, added to Keycloak's database and persistence unit: Keycloak creates and upgrades them
 * from {@code META-INF/nhi-guard-changelog.xml} at start-up, on every database it supports.
 */
public class NhiStoreProviderFactory implements JpaEntityProviderFactory, org.keycloak.provider.ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-guard";

    static final List<Class<?>> ENTITIES = List.of(UsageEntity.class, UsageDayEntity.class, UsageScopeEntity.class, ClientCertificateEntity.class,
            OwnerGoneEntity.class, ExpiryEntity.class, SweepRunEntity.class, AuditEntity.class, ReviewEntity.class, ReminderEntity.class,
            DecisionDayEntity.class, AnomalyEntity.class, BaselineEntity.class, RateHourEntity.class, SecretEntity.class,
            SignalEntity.class, ClientKeyEntity.class, OwnerBindingEntity.class, UnjudgedArrivalEntity.class);

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new JpaEntityProvider() {
            @Override
            public List<Class<?>> getEntities() {
                return ENTITIES;
            }

            @Override
            public String getChangelogLocation() {
                return "META-INF/nhi-guard-changelog.xml";
            }

            @Override
            public String getFactoryId() {
                return PROVIDER_ID;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(SubjectRemoval::onEvent);
        factory.register(event -> {
            if (event instanceof org.keycloak.models.utils.PostMigrationEvent) {
                dev.nhiguard.install.KeycloakRelease.report();
                dev.nhiguard.keycloakdb.KeycloakQueryCheck.run(factory);
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public java.util.Map<String, String> getOperationalInfo() {
        java.util.Map<String, String> info = new java.util.LinkedHashMap<>(dev.nhiguard.shared.PackVersion.operationalInfo());
        info.put("nhi-keycloak-release", dev.nhiguard.install.KeycloakRelease.describe());
        info.put("nhi-keycloak-features", dev.nhiguard.install.KeycloakRelease.features());
        info.put("nhi-keycloak-queries", dev.nhiguard.keycloakdb.KeycloakQueryCheck.outcome());
        return info;
    }
}
