package dev.nhiguard.it;

import dev.nhiguard.testsupport.Database;

/** Taking the pack off and putting it back on PostgreSQL, the database production Keycloaks run on. */
class PostgresRollbackDatabaseIT extends RollbackOnDatabase {

    @Override
    Database database() {
        return Database.POSTGRES;
    }
}
