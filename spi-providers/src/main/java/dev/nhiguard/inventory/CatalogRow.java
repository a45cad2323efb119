package dev.nhiguard.inventory;

/** The few columns needed to page and filter service-account clients before loading them whole. */
record CatalogRow(String id, String clientId, String owner) {
}
