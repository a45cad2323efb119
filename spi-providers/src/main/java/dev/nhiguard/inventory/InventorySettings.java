package dev.nhiguard.inventory;

import org.keycloak.Config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Server-wide inventory options, read once from the SPI scope
 * ({@code --spi-admin-realm-restapi-extension--nhi-guard--<option>}).
 */
public record InventorySettings(int oldSecretDays, Set<String> personScopes, int maxPageSize) {

    public static final String OLD_SECRET_DAYS = "old-secret-days";
    public static final String PERSON_SCOPES = "person-scopes";
    public static final String MAX_PAGE_SIZE = "max-page-size";

    static final int DEFAULT_OLD_SECRET_DAYS = 90;
    static final String DEFAULT_PERSON_SCOPES = "profile,email,address,phone,microprofile-jwt,organization";
    static final int DEFAULT_MAX_PAGE_SIZE = 1000;

    public static InventorySettings defaults() {
        return new InventorySettings(DEFAULT_OLD_SECRET_DAYS, split(DEFAULT_PERSON_SCOPES), DEFAULT_MAX_PAGE_SIZE);
    }

    public static InventorySettings from(Config.Scope scope) {
        int oldSecretDays = scope.getInt(OLD_SECRET_DAYS, DEFAULT_OLD_SECRET_DAYS);
        int maxPageSize = scope.getInt(MAX_PAGE_SIZE, DEFAULT_MAX_PAGE_SIZE);
        if (oldSecretDays < 1) {
            throw new IllegalArgumentException("nhi-guard: " + OLD_SECRET_DAYS + " must be at least 1, got " + oldSecretDays);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("nhi-guard: " + MAX_PAGE_SIZE + " must be at least 1, got " + maxPageSize);
        }
        return new InventorySettings(oldSecretDays, split(scope.get(PERSON_SCOPES, DEFAULT_PERSON_SCOPES)), maxPageSize);
    }

    private static Set<String> split(String list) {
        return Arrays.stream(list.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
