package dev.nhiguard.it;

import dev.nhiguard.testsupport.Database;

/** The pack's tables and lifecycle on Postgres, with a Keycloak of its own. */
class PostgresDatabaseIT extends LifecycleOnDatabase {

    @Override
    Database database() {
        return Database.POSTGRES;
    }
}
