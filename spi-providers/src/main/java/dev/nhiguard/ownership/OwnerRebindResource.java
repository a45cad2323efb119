package dev.nhiguard.ownership;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.shared.Actor;
import dev.nhiguard.shared.GovernanceEvents;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.http.QueryParameters;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.store.OwnerBindingRecords;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/realms/{realm}/nhi-guard/owners/rebind}: binds every unverified owner of the realm (a realm moved
 * from another Keycloak: its clients came bound to users this Keycloak does not know) to the user who has that
 * username here, the admin's explicit act that nothing else performs. {@code dryRun=true} lists what it would bind
 * ({@code view-clients}); {@code dryRun=false} binds ({@code manage-clients}), with an admin event per client.
 * {@code clientId} restricts it to one client.
 */
public class OwnerRebindResource {

    /** One client's owner as the rebind finds it and would leave it. */
    public record Rebound(String id, String clientId, String owner, String boundBefore, String boundNow, String ownerState) {
    }

    public record Result(boolean dryRun, List<Rebound> clients) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public OwnerRebindResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Result rebind() {
        auth.clients().requireView();
        boolean dryRun = QueryParameters.dryRun(session, "nhiRebindDryRunRequired");
        String only = QueryParameters.single(session, "clientId");
        if (!dryRun) {
            auth.clients().requireManage();
        }
        if (only != null && (only.isEmpty() || realm.getClientByClientId(only) == null)) {
            throw ErrorResponse.error(NhiMessages.format("nhiRebindNoClient", SafeText.echo(only, 80)), Response.Status.BAD_REQUEST);
        }
        OwnerBinding binding = new OwnerBinding(session, realm);
        Actor actor = Actor.of(auth.adminAuth(), session);
        List<Rebound> rebound = new ArrayList<>();
        for (ClientModel client : unverified(only)) {
            Owner before = Owner.of(client::getAttribute);
            String boundNow;
            String state;
            if (dryRun) {
                OwnerLookup.Found found = OwnerLookup.resolve(session, realm, new Owner(before.name(), null));
                boundNow = found.user() == null || found.state() == OwnerState.MISSING ? null : found.user().getId();
                state = found.state().label();
            } else {
                OwnerBindingRecords.Binding bound = binding.rebind(client);
                boundNow = bound == null ? null : bound.ownerId();
                state = OwnerLookup.stateOf(session, realm, Owner.of(client::getAttribute)).label();
                Map<String, String> details = new LinkedHashMap<>();
                details.put("nhi.owner.rebound", String.valueOf(before.name()));
                details.put("nhi.owner.boundBefore", before.boundId());
                details.put("nhi.owner.boundNow", boundNow == null ? Owner.NOBODY : boundNow);
                GovernanceEvents.client(session, realm, actor, OperationType.UPDATE, client.getId(), null, details);
            }
            rebound.add(new Rebound(client.getId(), client.getClientId(), before.name(), before.boundId(), boundNow, state));
        }
        return new Result(dryRun, rebound);
    }

    /** The realm's clients whose owner is unverified here, in clientId order. */
    private List<ClientModel> unverified(String only) {
        List<ClientModel> clients = new ArrayList<>();
        var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        for (String id : KeycloakQuery.UNBOUND_OWNERS.create(em, String.class).setParameter("realm", realm.getId()).getResultList()) {
            ClientModel client = realm.getClientById(id);
            if (client == null || only != null && !only.equals(client.getClientId())) {
                continue;
            }
            Owner owner = Owner.of(client::getAttribute);
            if (owner.isBound() && OwnerLookup.stateOf(session, realm, owner) == OwnerState.UNVERIFIED) {
                clients.add(client);
            }
        }
        clients.sort(Comparator.comparing(ClientModel::getClientId));
        return clients;
    }
}
