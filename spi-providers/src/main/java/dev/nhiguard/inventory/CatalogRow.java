package dev.nhiguard.inventory;

import dev.nhiguard.ownership.Owner;

/** The few columns needed to page and filter service-account clients before loading them whole. */
record CatalogRow(String id, String clientId, String owner, String ownerId) {

    Owner ownerRef() {
        return new Owner(owner, ownerId == null || ownerId.isBlank() ? null : ownerId);
    }
}
