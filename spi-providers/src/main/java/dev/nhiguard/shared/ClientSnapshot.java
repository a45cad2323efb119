package dev.nhiguard.shared;

import java.util.List;
import java.util.Map;

/**
 * The settings of a client that decide what its tokens carry and who may obtain them, whether read from the store
 * (token time, after a save, the inventory) or projected from an update request. Every rule of the pack judges this
 * one shape, so the same client gets the same verdict wherever it is judged.
 *
 * @param attributes    the client's attributes ({@code nhi.*} and {@link NhiAttributes#KC_JUDGED} at least)
 * @param clientMappers the protocol mappers on the client itself, as {@code name (mapper type)}
 */
public record ClientSnapshot(
        String clientId,
        boolean publicClient,
        boolean serviceAccountsEnabled,
        boolean standardFlowEnabled,
        boolean implicitFlowEnabled,
        boolean directAccessGrantsEnabled,
        boolean fullScopeAllowed,
        String authenticatorType,
        Map<String, String> attributes,
        List<String> defaultScopes,
        List<String> optionalScopes,
        List<String> clientMappers) {

    public String attribute(String name) {
        return attributes.get(name);
    }

    public boolean isOn(String attribute) {
        return "true".equalsIgnoreCase(attributes.get(attribute));
    }
}
