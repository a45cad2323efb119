package dev.nhiguard.inventory;

import org.jboss.logging.Logger;
import org.keycloak.Config;

import java.util.List;

/**
 * Server-wide inventory options, read once from the SPI scope
 * ({@code --spi-admin-realm-restapi-extension--nhi-guard--<option>}). Only what no executor decides lives here:
 * everything an executor enforces is read from the realm's client profiles (see {@link RealmPolicySettings}).
 */
public record InventorySettings(int certExpiryDays, int maxPageSize) {

    private static final Logger LOG = Logger.getLogger(InventorySettings.class);

    public static final String CERT_EXPIRY_DAYS = "cert-expiry-days";
    public static final String MAX_PAGE_SIZE = "max-page-size";
    /** Options of release 0.1 that the realm's nhi-scope-narrowing profile has replaced. */
    static final List<String> RETIRED = List.of("allowed-default-scopes", "scope-separators", "max-token-lifespan");
    /** Replaced by the realm's credential policy (secretMaxAgeDays), which the token endpoint enforces too. */
    static final String RETIRED_OLD_SECRET_DAYS = "old-secret-days";

    static final int DEFAULT_CERT_EXPIRY_DAYS = 30;
    static final int DEFAULT_MAX_PAGE_SIZE = 1000;

    public static java.util.List<org.keycloak.provider.ProviderConfigProperty> configMetadata() {
        return org.keycloak.provider.ProviderConfigurationBuilder.create()
                .property().name(CERT_EXPIRY_DAYS).type(org.keycloak.provider.ProviderConfigProperty.INTEGER_TYPE)
                .helpText("A client certificate expiring within this many days is reported as CERT_EXPIRING.")
                .defaultValue(DEFAULT_CERT_EXPIRY_DAYS).add()
                .property().name(MAX_PAGE_SIZE).type(org.keycloak.provider.ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Largest value the inventory accepts for max.")
                .defaultValue(DEFAULT_MAX_PAGE_SIZE).add()
                .build();
    }

    public static InventorySettings defaults() {
        return new InventorySettings(DEFAULT_CERT_EXPIRY_DAYS, DEFAULT_MAX_PAGE_SIZE);
    }

    public static InventorySettings from(Config.Scope scope) {
        int maxPageSize = scope.getInt(MAX_PAGE_SIZE, DEFAULT_MAX_PAGE_SIZE);
        int certExpiryDays = scope.getInt(CERT_EXPIRY_DAYS, DEFAULT_CERT_EXPIRY_DAYS);
        if (certExpiryDays < 0) {
            throw new IllegalArgumentException("nhi-guard: " + CERT_EXPIRY_DAYS + " must be 0 or more, got " + certExpiryDays);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("nhi-guard: " + MAX_PAGE_SIZE + " must be at least 1, got " + maxPageSize);
        }
        for (String retired : RETIRED) {
            if (scope.get(retired) != null) {
                LOG.warnf("nhi-guard: option %s is no longer read; the inventory judges by the realm's nhi-scope-narrowing profile", retired);
            }
        }
        if (scope.get(RETIRED_OLD_SECRET_DAYS) != null) {
            LOG.warnf("nhi-guard: option %s is no longer read; a secret's lifetime is the realm's credential policy "
                    + "(secretMaxAgeDays in nhi-guard/credential-policy), reported as SECRET_EXPIRING and SECRET_EXPIRED", RETIRED_OLD_SECRET_DAYS);
        }
        return new InventorySettings(certExpiryDays, maxPageSize);
    }
}
