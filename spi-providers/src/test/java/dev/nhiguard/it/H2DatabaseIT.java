package dev.nhiguard.it;

import dev.nhiguard.testsupport.Database;

/** The pack's tables and lifecycle on the embedded H2 that start-dev uses, with a Keycloak of its own. */
class H2DatabaseIT extends LifecycleOnDatabase {

    @Override
    Database database() {
        return Database.H2;
    }
}
