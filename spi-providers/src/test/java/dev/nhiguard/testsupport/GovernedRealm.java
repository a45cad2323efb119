package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;

/**
 * A realm set up the way the demo realm and the README advise: owners {@code alice} (active, password
 * {@link #PASSWORD}) and {@code carol} (disabled), the {@code payments} scope family with an audience mapper, and any
 * of the pack's policies a test asks for. Clients that meet every rule come from {@link #compliantClient}.
 */
public final class GovernedRealm {

    public static final String PASSWORD = "Governed-it-1";
    public static final List<String> PAYMENT_SCOPES = List.of("payments", "payments:read", "payments:write");

    private final AdminApi api;
    private final String name;

    private GovernedRealm(AdminApi api, String name) {
        this.api = api;
        this.name = name;
    }

    /** A realm with users and scopes but no policy yet. */
    public static GovernedRealm create(AdminApi api, String prefix) {
        GovernedRealm realm = new GovernedRealm(api, api.createRealm(prefix));
        api.createUser(realm.name, "alice", true, PASSWORD);
        api.createUser(realm.name, "carol", false, PASSWORD);
        for (String scope : PAYMENT_SCOPES) {
            ObjectNode rep = JSON.createObjectNode().put("name", scope).put("protocol", "openid-connect");
            rep.putObject("attributes").put("include.in.token.scope", "true").put("display.on.consent.screen", "false");
            ObjectNode audience = rep.putArray("protocolMappers").addObject()
                    .put("name", "payments-api audience").put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
            audience.putObject("config").put("included.custom.audience", "payments-api")
                    .put("access.token.claim", "true").put("introspection.token.claim", "true");
            expect(201, api.post("/admin/realms/" + realm.name + "/client-scopes", rep));
        }
        return realm;
    }

    public String name() {
        return name;
    }

    public String path(String rest) {
        return "/admin/realms/" + name + rest;
    }

    /** The three demo policies: ownership and least privilege for every client, certificate binding for high and critical tiers. */
    public GovernedRealm withDemoPolicies() {
        return withPolicies(Map.of(
                "nhi-owner-required", Map.of(),
                "nhi-scope-narrowing", Map.of("max-scopes", 3),
                "nhi-mtls-binding", Map.of()));
    }

    /**
     * One profile and one policy per executor: {@code nhi-mtls-binding} applies to tiers high and critical, every other
     * executor to every client.
     */
    public GovernedRealm withPolicies(Map<String, Map<String, Object>> executors) {
        putPolicies(api, name, executors);
        return this;
    }

    /** The same for any realm (the benchmarks build theirs without the demo users). */
    public static void putPolicies(AdminApi api, String realm, Map<String, Map<String, Object>> executors) {
        ObjectNode profiles = JSON.createObjectNode();
        ArrayNode profileList = profiles.putArray("profiles");
        ObjectNode policies = JSON.createObjectNode();
        ArrayNode policyList = policies.putArray("policies");
        executors.forEach((executor, configuration) -> {
            ObjectNode profile = profileList.addObject().put("name", executor + "-profile");
            profile.putArray("executors").addObject().put("executor", executor).set("configuration", JSON.valueToTree(configuration));
            ObjectNode policy = policyList.addObject().put("name", executor + "-policy").put("enabled", true);
            ObjectNode condition = policy.putArray("conditions").addObject();
            if (executor.equals("nhi-mtls-binding")) {
                condition.put("condition", "nhi-attributes").putObject("configuration").putArray("tiers").add("high").add("critical");
            } else {
                condition.put("condition", "any-client").putObject("configuration");
            }
            policy.putArray("profiles").add(executor + "-profile");
        });
        expect(204, api.put("/admin/realms/" + realm + "/client-policies/profiles", profiles));
        expect(204, api.put("/admin/realms/" + realm + "/client-policies/policies", policies));
    }

    public GovernedRealm withRealmSettings(Map<String, Object> settings) {
        expect(204, api.put(path(""), settings));
        return this;
    }

    /** A service-account client that every rule of the pack accepts: owned, least privilege, secret authentication. */
    public static ObjectNode compliantClient(String clientId) {
        ObjectNode client = AdminApi.serviceAccountClient(clientId, Map.of(
                "nhi.owner", "alice",
                "nhi.purpose", "Reads settled payments for " + clientId,
                "nhi.review-by", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(),
                "access.token.header.type.rfc9068", "true"));
        client.put("fullScopeAllowed", false).put("directAccessGrantsEnabled", false).put("implicitFlowEnabled", false);
        client.putArray("defaultClientScopes").add("basic").add("service_account");
        ArrayNode optional = client.putArray("optionalClientScopes");
        PAYMENT_SCOPES.forEach(optional::add);
        return client;
    }

    /** A compliant critical-tier client that authenticates with its TLS certificate and gets bound tokens. */
    public static ObjectNode criticalX509Client(String clientId, String subjectDn) {
        ObjectNode client = compliantClient(clientId);
        client.remove("secret");
        client.put("clientAuthenticatorType", "client-x509");
        ((ObjectNode) client.get("attributes")).put("nhi.tier", "critical")
                .put("tls.client.certificate.bound.access.tokens", "true")
                .put("x509.subjectdn", subjectDn)
                .put("x509.allow.regex.pattern.comparison", "false");
        return client;
    }

    /** The stored client with some attributes changed, as an admin's script would send it back. */
    public ObjectNode storedWith(String clientId, Map<String, String> attributes) {
        ObjectNode stored = (ObjectNode) api.client(name, clientId);
        ObjectNode attrs = (ObjectNode) stored.get("attributes");
        attributes.forEach(attrs::put);
        return stored;
    }

    public JsonNode inventoryEntry(String clientId) {
        return api.inventoryEntry(name, clientId);
    }
}
