package dev.nhiguard.inventory;

import org.keycloak.Config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Server-wide inventory options, read once from the SPI scope
 * ({@code --spi-admin-realm-restapi-extension--nhi-guard--<option>}).
 */
public record InventorySettings(int oldSecretDays, Set<String> allowedDefaultScopes, String scopeSeparators,
                                int maxTokenLifespan, int certExpiryDays, int maxPageSize) {

    public static final String OLD_SECRET_DAYS = "old-secret-days";
    public static final String ALLOWED_DEFAULT_SCOPES = "allowed-default-scopes";
    public static final String SCOPE_SEPARATORS = "scope-separators";
    public static final String MAX_TOKEN_LIFESPAN = "max-token-lifespan";
    public static final String CERT_EXPIRY_DAYS = "cert-expiry-days";
    public static final String MAX_PAGE_SIZE = "max-page-size";

    static final int DEFAULT_OLD_SECRET_DAYS = 90;
    static final String DEFAULT_ALLOWED_DEFAULT_SCOPES = "basic,service_account";
    static final String DEFAULT_SCOPE_SEPARATORS = ":.";
    static final int DEFAULT_MAX_TOKEN_LIFESPAN = 300;
    static final int DEFAULT_CERT_EXPIRY_DAYS = 30;
    static final int DEFAULT_MAX_PAGE_SIZE = 1000;

    public static InventorySettings defaults() {
        return new InventorySettings(DEFAULT_OLD_SECRET_DAYS, split(DEFAULT_ALLOWED_DEFAULT_SCOPES), DEFAULT_SCOPE_SEPARATORS,
                DEFAULT_MAX_TOKEN_LIFESPAN, DEFAULT_CERT_EXPIRY_DAYS, DEFAULT_MAX_PAGE_SIZE);
    }

    public static InventorySettings from(Config.Scope scope) {
        int oldSecretDays = scope.getInt(OLD_SECRET_DAYS, DEFAULT_OLD_SECRET_DAYS);
        int maxPageSize = scope.getInt(MAX_PAGE_SIZE, DEFAULT_MAX_PAGE_SIZE);
        int maxTokenLifespan = scope.getInt(MAX_TOKEN_LIFESPAN, DEFAULT_MAX_TOKEN_LIFESPAN);
        String separators = scope.get(SCOPE_SEPARATORS, DEFAULT_SCOPE_SEPARATORS);
        int certExpiryDays = scope.getInt(CERT_EXPIRY_DAYS, DEFAULT_CERT_EXPIRY_DAYS);
        if (certExpiryDays < 0) {
            throw new IllegalArgumentException("nhi-guard: " + CERT_EXPIRY_DAYS + " must be 0 or more, got " + certExpiryDays);
        }
        if (oldSecretDays < 1) {
            throw new IllegalArgumentException("nhi-guard: " + OLD_SECRET_DAYS + " must be at least 1, got " + oldSecretDays);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("nhi-guard: " + MAX_PAGE_SIZE + " must be at least 1, got " + maxPageSize);
        }
        if (maxTokenLifespan < 1) {
            throw new IllegalArgumentException("nhi-guard: " + MAX_TOKEN_LIFESPAN + " must be at least 1, got " + maxTokenLifespan);
        }
        if (separators.isEmpty()) {
            throw new IllegalArgumentException("nhi-guard: " + SCOPE_SEPARATORS + " must name at least one character");
        }
        return new InventorySettings(oldSecretDays, split(scope.get(ALLOWED_DEFAULT_SCOPES, DEFAULT_ALLOWED_DEFAULT_SCOPES)),
                separators, maxTokenLifespan, certExpiryDays, maxPageSize);
    }

    private static Set<String> split(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
