package dev.nhiguard.it;

import dev.nhiguard.testsupport.Database;

/** The pack's tables and lifecycle on MariaDb, with a Keycloak of its own. */
class MariaDbDatabaseIT extends LifecycleOnDatabase {

    @Override
    Database database() {
        return Database.MARIADB;
    }
}
