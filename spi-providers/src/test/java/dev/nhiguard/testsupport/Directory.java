package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;

/**
 * A real LDAP directory, in the test's JVM, that a realm federates its users from as an Active Directory is federated:
 * {@code userAccountControl} says whether an account is enabled (512) or disabled (514), read by Keycloak's MSAD
 * account-control mapper. Keycloak reaches it over TCP on 127.0.0.1.
 */
public final class Directory implements AutoCloseable {

    public static final String PEOPLE = "ou=people,dc=nhi,dc=test";
    private static final String BIND_DN = "cn=keycloak,dc=nhi,dc=test";
    private static final String BIND_PASSWORD = "directory-bind-1";
    private static final int ENABLED = 512;
    private static final int DISABLED = 514;

    private final InMemoryDirectoryServer server;

    private Directory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    public static Directory start() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=nhi,dc=test");
            config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"), 0, null));
            config.setSchema(null); // userAccountControl is Active Directory's, not in the standard schema
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.startListening();
            server.add("dn: dc=nhi,dc=test", "objectClass: top", "objectClass: domain", "dc: nhi");
            server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
            return new Directory(server);
        } catch (LDAPException | com.unboundid.ldif.LDIFException | UnknownHostException e) {
            throw new IllegalStateException("the test directory did not start", e);
        }
    }

    public String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    public void addPerson(String uid, String password) {
        try {
            server.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                    "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid, "mail: " + uid + "@directory.test",
                    "userPassword: " + password, "userAccountControl: " + ENABLED, "pwdLastSet: -1");
        } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    public void disable(String uid) {
        setAccountControl(uid, DISABLED);
    }

    public void enable(String uid) {
        setAccountControl(uid, ENABLED);
    }

    public void remove(String uid) {
        try {
            server.delete("uid=" + uid + "," + PEOPLE);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setAccountControl(String uid, int value) {
        try {
            server.modify("uid=" + uid + "," + PEOPLE, new Modification(ModificationType.REPLACE, "userAccountControl", String.valueOf(value)));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Federates this directory into {@code realm} as an admin does: an LDAP provider that imports its users (read only,
     * no cache, so a change in the directory is what Keycloak's user API answers next) and the account-control mapper.
     */
    public void federateInto(AdminApi api, String realm) {
        String realmId = AdminApi.parse(expect(200, api.get("/admin/realms/" + realm)).body()).get("id").asText();
        ObjectNode provider = JSON.createObjectNode().put("name", "directory").put("providerId", "ldap")
                .put("providerType", "org.keycloak.storage.UserStorageProvider").put("parentId", realmId);
        ObjectNode config = provider.putObject("config");
        Map.ofEntries(
                Map.entry("enabled", "true"), Map.entry("priority", "0"), Map.entry("vendor", "other"),
                Map.entry("connectionUrl", url()), Map.entry("authType", "simple"), Map.entry("bindDn", BIND_DN),
                Map.entry("bindCredential", BIND_PASSWORD), Map.entry("usersDn", PEOPLE), Map.entry("searchScope", "1"),
                Map.entry("usernameLDAPAttribute", "uid"), Map.entry("rdnLDAPAttribute", "uid"), Map.entry("uuidLDAPAttribute", "entryUUID"),
                Map.entry("userObjectClasses", "inetOrgPerson, organizationalPerson"), Map.entry("editMode", "READ_ONLY"),
                Map.entry("importEnabled", "true"), Map.entry("syncRegistrations", "false"), Map.entry("pagination", "false"),
                Map.entry("cachePolicy", "NO_CACHE"), Map.entry("trustEmail", "true"), Map.entry("connectionPooling", "false")
        ).forEach((key, value) -> config.putArray(key).add(value));
        String location = expect(201, api.post("/admin/realms/" + realm + "/components", provider)).headers().firstValue("Location").orElseThrow();
        String providerId = location.substring(location.lastIndexOf('/') + 1);
        ObjectNode mapper = JSON.createObjectNode().put("name", "account control").put("providerId", "msad-user-account-control-mapper")
                .put("providerType", "org.keycloak.storage.ldap.mappers.LDAPStorageMapper").put("parentId", providerId);
        mapper.putObject("config").set("always.read.enabled.value.from.ldap", JSON.createArrayNode().add("true"));
        ((ObjectNode) mapper.get("config")).set("ldap.password.policy.hints.enabled", JSON.createArrayNode().add("false"));
        expect(201, api.post("/admin/realms/" + realm + "/components", mapper));
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
